import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Writes run in one transaction and must leave an audit row. */
  write: boolean;
  /** Chinese one-line description, shown by `yanpan methods`. */
  doc: string;
  /** Phantom: carries the output type only. */
  readonly _output?: O;
}

/** `method<Output>()(inputSchema, write, doc)` — the output type is given, the input type inferred. */
export function method<O>() {
  return <I extends z.ZodType>(input: I, write: boolean, doc: string): MethodSpec<I, O> => ({ input, write, doc });
}
