import type { z } from 'zod';
import { REGISTER_EDITORS, REGISTER_READERS, type Role } from '../roles.js';

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
  /**
   * The roles that may call it (checked by the dispatcher before the input is looked at).
   * Default when a method names none: a read is for the register's readers (研判员、领导、查看),
   * a write for its editors (研判员) — administrators reach only methods that name them.
   * A new area (e.g. 统计) therefore needs nothing for plain reads; name roles only to widen or
   * narrow that. tests/unit/roles.test.ts calls every method as every role.
   */
  roles: readonly Role[];
  /**
   * A narrower rule inside a method some roles may call (e.g. 审核办结 within actions.transition):
   * given the raw input and the caller's role, why it is refused, or null. The dispatcher asks it
   * right after the role check, before the input is validated.
   */
  refuse?: (rawInput: unknown, role: Role) => string | null;
  /** Phantom: carries the output type only. */
  readonly _output?: O;
}

/** The roles a method gets when its declaration names none (see MethodSpec.roles). */
export const defaultRoles = (write: boolean): readonly Role[] => (write ? REGISTER_EDITORS : REGISTER_READERS);

/** `method<Output>()(inputSchema, write, doc[, tier[, roles[, refuse]]])` — the output type is given, the input type inferred. */
export function method<O>() {
  return <I extends z.ZodType, T extends MethodTier = 'public'>(input: I, write: boolean, doc: string, tier?: T, roles?: readonly Role[], refuse?: MethodSpec['refuse']): MethodSpec<I, O> & { tier: T } =>
    ({ input, write, doc, tier: (tier ?? 'public') as T, roles: roles ?? defaultRoles(write), ...(refuse ? { refuse } : {}) });
}
