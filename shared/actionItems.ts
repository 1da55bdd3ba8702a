// Action item (交办事项) rows and the input schemas of its API.
import { z } from 'zod';
import { isoDate } from './risks.js';
import { ACTION_EVENTS, ACTION_STATES, SUPERVISION_LEVELS, type ActionState, type DueStatus } from './actions.js';
import { strictBase64 } from './base64.js';

export const FEEDBACK_CYCLES = ['每日', '每周', '办结时'] as const;
export const FEEDBACK_KINDS = ['进展', '办理结果', '退回', '审核', '延期', '签收'] as const;
/** A scanned reply is a few MB; 10 MB keeps the database (and every backup) a sane size. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff', 'image/bmp'] as const;
export const MAX_FEEDBACK_ATTACHMENTS = 10;

const id = z.number({ message: '应为数字编号' }).int().positive();
const version = z.number({ message: '缺少版本号' }).int().positive();
const text = (max: number) => z.string().trim().max(max, { message: `不能超过${max}个字` });

export const dueRuleSchema = z.object({
  days: z.number({ message: '应为天数' }).int().min(1, { message: '至少 1 天' }).max(365, { message: '不能超过 365 天' }),
  unit: z.enum(['calendar', 'working'], { message: '只能是自然日或工作日' }),
});

export const actionCreateInput = z
  .object({
    meetingId: id.nullable().optional(),
    riskIds: z.array(id).max(50, { message: '一项交办最多关联 50 条风险' }).default([]),
    content: z.string().trim().min(2, { message: '请写明交办内容及要求（至少 2 个字）' }).max(5000, { message: '不能超过5000个字' }),
    leadUnit: z.string().trim().min(1, { message: '请填写牵头单位' }).max(100, { message: '不能超过100个字' }),
    coUnits: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    leadLeader: text(50).default(''),
    contact: text(50).default(''),
    issuedAt: isoDate.optional(),
    dueAt: isoDate.optional(),
    dueIn: dueRuleSchema.optional(),
    feedbackCycle: z.enum(FEEDBACK_CYCLES, { message: `只能是：${FEEDBACK_CYCLES.join('、')}` }).default('每周'),
    asOf: isoDate.optional(),
  })
  .refine((x) => x.dueAt !== undefined || x.dueIn !== undefined, { message: '请填写办结时限（具体日期，或若干自然日/工作日）', path: ['dueAt'] });

export const actionUpdateInput = z.object({
  id,
  version,
  patch: z
    .object({
      content: z.string().trim().min(2, { message: '请写明交办内容及要求（至少 2 个字）' }).max(5000),
      leadUnit: z.string().trim().min(1, { message: '请填写牵头单位' }).max(100),
      coUnits: z.array(z.string().trim().min(1).max(100)).max(30),
      leadLeader: text(50),
      contact: text(50),
      dueAt: isoDate,
      feedbackCycle: z.enum(FEEDBACK_CYCLES),
      riskIds: z.array(id).max(50),
    })
    .partial()
    .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' }),
});

export const actionTransitionInput = z.object({
  id,
  version,
  event: z.enum(ACTION_EVENTS, { message: '不支持的操作' }),
  reason: text(2000).optional(),
  by: text(50).optional(),
  asOf: isoDate.optional(),
});

export const attachmentInput = z.object({
  name: z.string().trim().min(1).max(200, { message: '文件名不能超过200个字' }),
  mime: z.enum(ATTACHMENT_TYPES, { message: '附件只能是 PDF 或图片（PNG、JPEG、GIF、WebP、TIFF、BMP）' }),
  base64: strictBase64('附件', MAX_ATTACHMENT_BYTES, `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，请压缩或分页扫描后再上传`),
});

/** What actions.attachmentUpload hands back: the feedback then names the file by uploadId. */
export interface AttachmentUpload {
  uploadId: string;
  /** The name it will be stored under (sanitised, extension added when missing). */
  name: string;
  mime: (typeof ATTACHMENT_TYPES)[number];
  size: number;
}

export const uploadId = z.string().regex(/^[0-9a-f]{32}$/, { message: '不是有效的上传编号，请重新上传附件' });

export const feedbackAddInput = z.object({
  actionId: id,
  version,
  date: isoDate.optional(),
  text: z.string().trim().min(2, { message: '请填写反馈内容（至少 2 个字）' }).max(10_000, { message: '不能超过10000个字' }),
  by: text(50).default(''),
  /** 办理结果 moves the action to 已反馈; 进展 only logs. */
  final: z.boolean().default(false),
  /** Small files may come inline (the command line does); the app uploads each first (actions.attachmentUpload) and lists them here. */
  attachments: z.array(attachmentInput).max(MAX_FEEDBACK_ATTACHMENTS, { message: `每条反馈最多 ${MAX_FEEDBACK_ATTACHMENTS} 个附件` }).default([]),
  uploads: z.array(uploadId).max(MAX_FEEDBACK_ATTACHMENTS, { message: `每条反馈最多 ${MAX_FEEDBACK_ATTACHMENTS} 个附件` }).default([]),
  asOf: isoDate.optional(),
}).refine((f) => f.attachments.length + f.uploads.length <= MAX_FEEDBACK_ATTACHMENTS, { message: `每条反馈最多 ${MAX_FEEDBACK_ATTACHMENTS} 个附件`, path: ['uploads'] })
  .refine((f) => new Set(f.uploads).size === f.uploads.length, { message: '同一个附件列了两次，请刷新后重新选择', path: ['uploads'] });

export const extensionRequestInput = z.object({
  actionId: id,
  version,
  days: z.number({ message: '应为天数' }).int().min(1, { message: '至少延期 1 天' }).max(90, { message: '一次延期不能超过 90 天' }),
  reason: z.string().trim().min(2, { message: '请填写延期理由（至少 2 个字）' }).max(2000),
  by: text(50).default(''),
  asOf: isoDate.optional(),
});

export const extensionDecideInput = z.object({
  actionId: id,
  version,
  extensionId: id,
  approve: z.boolean(),
  note: text(500).default(''),
  asOf: isoDate.optional(),
});

export const actionListInput = z.object({
  asOf: isoDate.optional(),
  unit: text(100).optional(),
  state: z.enum(ACTION_STATES).optional(),
  openOnly: z.boolean().optional(),
  dueStatus: z.enum(['正常', '临期', '超期', '已办结']).optional(),
  supervision: z.enum(SUPERVISION_LEVELS).optional(),
  meetingId: id.optional(),
  riskId: id.optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  query: text(100).optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const supervisionUpdateInput = z.object({
  remindDays: z.number().int().min(0).max(60),
  sheetAfter: z.number().int().min(0).max(365),
  listedAfter: z.number().int().min(0).max(365),
  notifyAfter: z.number().int().min(0).max(365),
  countIn: z.enum(['calendar', 'working']),
});

export const calendarDayInput = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'workday', 'normal'], { message: '只能是 放假、调休上班 或 恢复普通日' }),
  name: text(30).default(''),
});

export interface ActionRow {
  id: number;
  code: string;
  meetingId: number | null;
  meetingLabel: string | null;
  riskIds: number[];
  risks: Array<{ id: number; code: string; title: string }>;
  content: string;
  leadUnit: string;
  coUnits: string[];
  leadLeader: string;
  contact: string;
  issuedAt: string;
  dueAt: string;
  originalDueAt: string;
  dueRule: string;
  feedbackCycle: string;
  state: ActionState;
  closedOn: string | null;
  returnReason: string;
  due: DueStatus;
  pendingExtension: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface FeedbackEntry {
  id: number;
  date: string;
  kind: string;
  text: string;
  by: string;
  createdAt: string;
  attachments: Array<{ id: number; name: string; mime: string; size: number }>;
}

export interface ExtensionRow {
  id: number;
  days: number;
  reason: string;
  requestedOn: string;
  requestedBy: string;
  status: '待审批' | '已批准' | '未批准';
  decidedOn: string | null;
  decidedBy: string | null;
  decisionNote: string;
}

export interface ActionDetail {
  action: ActionRow;
  feedback: FeedbackEntry[];
  extensions: ExtensionRow[];
}

export interface UnitSummary {
  unit: string;
  total: number;
  open: number;
  overdue: number;
  closed: number;
  onTime: number;
  counted: number;
  /** 按期办结率, null when nothing is due yet. */
  onTimeRate: number | null;
}
