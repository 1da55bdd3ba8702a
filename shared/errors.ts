// Errors that reach a person: Chinese, naming the field and what to do.
import type { z } from 'zod';
import type { ApiError } from './contract/index.js';
import { RISK_FIELD_LABELS } from './labels.js';

/** Thrown by query modules and handlers; the dispatcher turns it into `{ok:false, error}`. */
export class AppError extends Error {
  constructor(
    public readonly code: ApiError['code'],
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const CJK = /[\u4e00-\u9fff]/;

function fieldLabel(path: PropertyKey[]): string {
  const names = path.filter((p) => typeof p === 'string') as string[];
  const last = names[names.length - 1];
  if (!last) return '';
  return RISK_FIELD_LABELS[last] ?? last;
}

/** One readable sentence per zod issue, e.g. "「事项名称」不能为空". */
export function zodIssueToChinese(issue: z.core.$ZodIssue): string {
  const label = fieldLabel(issue.path);
  const where = label ? `「${label}」` : '输入';
  if (CJK.test(issue.message)) return `${where}${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `缺少${where}` : `${where}类型不正确，应为${typeName(issue.expected)}`;
    case 'too_small':
      return `${where}过小或过短（最少 ${String(issue.minimum)}）`;
    case 'too_big':
      return `${where}过大或过长（最多 ${String(issue.maximum)}）`;
    case 'invalid_value':
      return `${where}只能是：${issue.values.map(String).join('、')}`;
    case 'unrecognized_keys':
      return `${where}含有不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_format':
      return `${where}格式不正确`;
    default:
      return `${where}不正确`;
  }
}

function typeName(t: string): string {
  return ({ string: '文字', number: '数字', boolean: '是/否', object: '对象', array: '列表', date: '日期' } as Record<string, string>)[t] ?? t;
}

export function zodErrorToApiError(err: z.ZodError): ApiError {
  const messages = err.issues.map(zodIssueToChinese);
  return {
    code: 'INVALID_INPUT',
    message: `输入有误：${messages.join('；')}`,
    details: err.issues.map((i, k) => ({ path: i.path.map(String), message: messages[k] })),
  };
}
