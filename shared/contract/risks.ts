import { method } from './method.js';
import { REGISTER_READERS } from '../roles.js';
import { auditForEntityInput, type AuditEntry } from '../audit.js';
import { riskCreateInput, riskDeleteInput, riskGetInput, riskListInput, riskRestoreInput, riskUpdateInput, type Page, type RiskRow } from '../risks.js';

export const riskMethods = {
  'risks.list': method<Page<RiskRow>>()(riskListInput, false, '风险台账分页查询（搜索、筛选、排序）'),
  'risks.get': method<RiskRow>()(riskGetInput, false, '读取一条风险事项'),
  'risks.create': method<RiskRow>()(riskCreateInput, true, '新增风险事项'),
  'risks.update': method<RiskRow>()(riskUpdateInput, true, '修改风险事项（须带版本号）'),
  'risks.delete': method<RiskRow>()(riskDeleteInput, true, '删除风险事项（可恢复，须填原因）'),
  'risks.restore': method<RiskRow>()(riskRestoreInput, true, '恢复已删除的风险事项'),
  'audit.forEntity': method<AuditEntry[]>()(auditForEntityInput, false, '某条记录的变更历史', 'public', [...REGISTER_READERS, '审计管理员']),
} as const;
