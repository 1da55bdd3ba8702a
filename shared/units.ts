// 责任单位 (responsible units): the managed list that risks (主办单位) and actions (牵头/配合单位)
// reference by id. Names stay on the rows for display; every name a unit has gone by is kept, so a
// rename or a merge never breaks history, and typed or imported names still find their unit.
import { z } from 'zod';

export interface UnitRow {
  id: number;
  name: string;
  shortName: string;
  contact: string;
  /** Earlier names (renames, merged units), oldest first. */
  formerNames: string[];
  /** How many risks (主办) and actions (牵头) reference it. */
  riskCount: number;
  actionCount: number;
}

/** A unit name as stored: trimmed, inner runs of spaces closed, full-width letters/digits folded. */
export function unitName(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

const id = z.number({ message: '应为数字编号' }).int().positive();
const name = z.string({ message: '请填写单位名称' }).transform(unitName).pipe(z.string().min(2, { message: '单位名称至少 2 个字' }).max(40, { message: '单位名称不能超过40个字' }));
const short = z.string().trim().max(20, { message: '简称不能超过20个字' });
const contact = z.string().trim().max(60, { message: '联系方式不能超过60个字' });

export const unitListInput = z.object({ q: z.string().trim().max(40).optional(), limit: z.number().int().min(1).max(2000).default(500) });
export const unitCreateInput = z.object({ name, shortName: short.optional(), contact: contact.optional() });
export const unitUpdateInput = z.object({ id, name: name.optional(), shortName: short.optional(), contact: contact.optional() });
export const unitMergeInput = z.object({ fromId: id, intoId: id }).refine((x) => x.fromId !== x.intoId, { message: '不能把单位合并到它自己' });
export const unitResolveInput = z.object({ names: z.array(z.string().max(200)).max(10_000) });

/** How a list of names maps onto the units: known ones (also by a former name) and names that would be new. */
export interface UnitResolution {
  known: Array<{ name: string; unitId: number; unitName: string }>;
  fresh: string[];
}
