import { z } from 'zod';
import { method } from './method.js';
import type { RiskFacets } from '../risks.js';
import { listAddInput, listMoveInput, listRemoveInput, listRenameInput, listSetActiveInput, type NamedItem } from '../settings.js';
import { savedViewDeleteInput, savedViewSaveInput, type SavedView } from '../views.js';

export const settingsMethods = {
  'lists.add': method<NamedItem>()(listAddInput, true, '新增领域或县区'),
  'lists.rename': method<NamedItem>()(listRenameInput, true, '领域或县区改名（须带版本号）'),
  'lists.move': method<NamedItem[]>()(listMoveInput, true, '领域或县区上移、下移（须带版本号）'),
  'lists.setActive': method<NamedItem>()(listSetActiveInput, true, '停用或启用领域、县区（须带版本号）'),
  'lists.remove': method<{ removed: true }>()(listRemoveInput, true, '删除未被使用的领域或县区（须带版本号）'),
  'risks.facets': method<RiskFacets>()(z.object({}).strict(), false, '台账筛选项：在用的主办单位、包案领导'),
  'views.list': method<SavedView[]>()(z.object({}).strict(), false, '当前操作人保存的台账筛选（我的筛选）'),
  'views.save': method<SavedView>()(savedViewSaveInput, true, '保存或覆盖一个台账筛选（我的筛选）'),
  'views.delete': method<{ deleted: true }>()(savedViewDeleteInput, true, '删除一个保存的台账筛选'),
} as const;
