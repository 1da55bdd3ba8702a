import type { z } from 'zod';

/**
 * Who may call a method. `public`: any page (web host, Electron IPC) — it never names a file on
 * disk. `local`: only code inside the host process or the command line, because its input names
 * a file-system path (a page that could call it could overwrite any file, the register included).
 */
export type MethodTier = 'public' | 'local';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Writes run in one transaction and must leave an audit row. */
  write: boolean;
  /** Chinese one-line description, shown by `yanpan methods`. */
  doc: string;
  tier: MethodTier;
  /** Phantom: carries the output type only. */
  readonly _output?: O;
}

/** `method<Output>()(inputSchema, write, doc[, tier])` — the output type is given, the input type inferred. */
export function method<O>() {
  return <I extends z.ZodType, T extends MethodTier = 'public'>(input: I, write: boolean, doc: string, tier?: T): MethodSpec<I, O> & { tier: T } =>
    ({ input, write, doc, tier: (tier ?? 'public') as T });
}
