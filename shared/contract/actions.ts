import { z } from 'zod';
import { method } from './method.js';
import { REGISTER_DECIDERS, type Role } from '../roles.js';
import { isoDate } from '../risks.js';
import {
  actionCreateInput, actionListInput, actionTransitionInput, actionUpdateInput, attachmentInput, extensionDecideInput, extensionRequestInput, feedbackAddInput, supervisionUpdateInput,
  type ActionDetail, type ActionRow, type AttachmentUpload, type UnitSummary,
} from '../actionItems.js';
import { actionEventRoleNote, EXTENSION_DECIDERS, type SupervisionSettings } from '../actions.js';

const id = z.number().int().positive();

/** 审核办结 is the 领导's: refused for anyone else before the input is looked at further. */
function transitionRefusal(raw: unknown, role: Role): string | null {
  const note = actionEventRoleNote((raw as { event?: unknown } | null)?.event, role);
  return note && `${note}；「${role}」账号不能操作，请由有此权限的账号登录后进行。`;
}

export const actionMethods = {
  'actions.list': method<{ rows: ActionRow[]; total: number }>()(actionListInput, false, '交办事项列表（按单位、状态、时限、督办等级、会议、风险筛选）'),
  'actions.get': method<ActionDetail>()(z.object({ id, asOf: isoDate.optional() }), false, '读取一项交办：反馈记录、延期申请'),
  'actions.create': method<ActionRow>()(actionCreateInput, true, '新建交办事项（时限可为日期，或若干自然日/工作日）'),
  'actions.update': method<ActionRow>()(actionUpdateInput, true, '修改交办事项'),
  'actions.transition': method<ActionRow>()(actionTransitionInput, true, '交办状态流转：签收、开始办理、报送结果、审核办结（领导）、退回重办（须填原因）、重新办理', 'public', REGISTER_DECIDERS, transitionRefusal),
  'actions.feedback': method<ActionRow>()(feedbackAddInput, true, '添加反馈记录（可附 PDF/图片，最多 10 个，每个不超过 10 MB）：附件先逐个上传（actions.attachmentUpload），此处以 uploads 列出上传编号；反馈与全部附件一并保存，或都不保存'),
  // Not a write to the register: the file waits in the host's memory until a feedback stores it.
  'actions.attachmentUpload': method<AttachmentUpload>()(attachmentInput, false, '上传一个反馈附件（PDF/图片，不超过 10 MB；按内容核对类型），得到上传编号，1 小时内随反馈提交'),
  'actions.attachment': method<{ name: string; mime: string; size: number; base64: string }>()(z.object({ id }), false, '读取反馈附件'),
  'actions.requestExtension': method<ActionRow>()(extensionRequestInput, true, '申请延期'),
  'actions.decideExtension': method<ActionRow>()(extensionDecideInput, true, '审批延期申请', 'public', EXTENSION_DECIDERS),
  'actions.units': method<UnitSummary[]>()(z.object({ asOf: isoDate.optional() }), false, '各责任单位：在办、超期、按期办结率'),
  'supervision.get': method<SupervisionSettings>()(z.object({}).strict(), false, '督办阶梯设置'),
  'supervision.update': method<SupervisionSettings>()(supervisionUpdateInput, true, '修改督办阶梯（临期天数、督办单/挂牌督办/通报的超期天数）'),
} as const;
