// The register's columns (its table, the column chooser, saved views). Without zod: the register's
// first screen needs these names, not the saved views' schemas (shared/views.ts).

/** Columns the register can show; the chooser toggles these (title is always shown). */
export const REGISTER_COLUMNS = [
  'code', 'region', 'domain', 'involvedCount', 'level', 'status', 'source', 'leadUnit', 'packageLeader', 'deadline', 'firstFound', 'trend', 'amountWan', 'progress', 'updatedAt',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];
export const DEFAULT_COLUMNS: RegisterColumn[] = ['code', 'region', 'domain', 'involvedCount', 'level', 'status', 'leadUnit', 'packageLeader', 'deadline', 'updatedAt'];
