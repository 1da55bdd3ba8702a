import { method } from './method.js';
import { unitCreateInput, unitListInput, unitMergeInput, unitResolveInput, unitUpdateInput, type UnitResolution, type UnitRow } from '../units.js';

export const unitMethods = {
  'units.list': method<UnitRow[]>()(unitListInput, false, '责任单位名单（可按名称、简称或曾用名搜索）'),
  'units.create': method<UnitRow>()(unitCreateInput, true, '向责任单位名单添加一个单位'),
  'units.update': method<UnitRow>()(unitUpdateInput, true, '修改责任单位：改名（旧名保留可查，台账与交办随之更新）、简称、联系方式'),
  'units.merge': method<UnitRow>()(unitMergeInput, true, '把一个单位合并到另一个（其风险、交办和名称都归入后者）'),
  'units.resolve': method<UnitResolution>()(unitResolveInput, false, '一组单位名称中哪些已在名单（含曾用名）、哪些是新的'),
} as const;
