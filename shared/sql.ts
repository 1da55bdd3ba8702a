// SQL text built from rules written in shared/, so a rule kept once in TypeScript reads the same in
// SQL (query modules, and migrations through db/migrate.ts's placeholders).

/** ['a', "b'c"] → "('a', 'b''c')": a literal list for `IN`, each value quoted as SQL text. */
export function sqlInList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('sqlInList: an empty IN list matches nothing; say what is meant instead');
  return `(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}
