import { z } from 'zod';

export interface AppSettings {
  cityPrefix: string;
  cityName: string;
  operator: string;
  /** Bumped by every change; settings.update with a stale version is refused. */
  version: number;
}

export const settingsUpdateInput = z.object({
  cityPrefix: z.string().trim().regex(/^[A-Z]{1,6}$/, { message: '城市代码应为 1–6 个大写英文字母，例如 JC' }).optional(),
  cityName: z.string().trim().min(1, { message: '不能为空' }).max(30, { message: '不能超过30个字' }).optional(),
  operator: z.string().trim().min(1, { message: '不能为空' }).max(30, { message: '不能超过30个字' }).optional(),
  version: z.number({ message: '缺少版本号' }).int().positive().optional(),
});

export interface NamedItem {
  id: number;
  name: string;
  sort: number;
  active: boolean;
  version: number;
  /** Risks (deleted ones included) that point at this entry: such an entry can be renamed or deactivated, never removed. */
  inUse: number;
}

export const LIST_KINDS = ['domains', 'regions'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const LIST_LABELS: Record<ListKind, string> = { domains: '领域', regions: '县区' };

const listKind = z.enum(LIST_KINDS, { message: '只能是 领域 或 县区' });
const itemId = z.number({ message: '应为数字编号' }).int().positive();
const itemVersion = z.number({ message: '缺少版本号' }).int().positive();
/** A list typed as text (set-up's counties): one name per line, or separated by 、，, or spaces; blanks dropped. */
export function splitListNames(text: string): string[] {
  return text.split(/[\n\r、，,;；\s]+/).map((x) => x.trim()).filter((x) => x.length > 0);
}

export const itemName = z.string().trim().min(1, { message: '名称不能为空' }).max(20, { message: '名称不能超过20个字' });

export const listAddInput = z.object({ list: listKind, name: itemName });
export const listRenameInput = z.object({ list: listKind, id: itemId, version: itemVersion, name: itemName });
export const listMoveInput = z.object({ list: listKind, id: itemId, version: itemVersion, direction: z.enum(['up', 'down'], { message: '只能上移或下移' }) });
export const listSetActiveInput = z.object({ list: listKind, id: itemId, version: itemVersion, active: z.boolean({ message: '应为 是/否' }) });
export const listRemoveInput = z.object({ list: listKind, id: itemId, version: itemVersion });

export interface Lists {
  domains: NamedItem[];
  regions: NamedItem[];
}

/** Where the register lives, in words (the data page; set-up shows it before the first account exists). */
export const DB_SCOPE_LABELS: Record<AppInfo['dbLocation']['scope'], string> = {
  machine: '本机公用文件夹，本机各用户共用',
  user: '本用户的文件夹',
  env: 'YANPAN_HOME 指定的文件夹',
  chosen: '启动时指定的文件',
};

/** The register's file and which default it is. */
export type RegisterPlace = Pick<AppInfo, 'dbPath' | 'dbLocation'>;

export interface AppInfo {
  dbPath: string;
  /**
   * Which default the register is: machine (the folder every staff member of the PC reaches),
   * user (the fallback in this OS user's profile, `note` says why), env (YANPAN_HOME), chosen (--db).
   */
  dbLocation: { scope: 'machine' | 'user' | 'env' | 'chosen'; note: string | null };
  today: string;
  firstRun: boolean;
  riskCount: number;
  settings: AppSettings;
  schemaVersion: number;
  host: 'web' | 'electron' | 'cli';
  /** The register holds the demo's invented data (示例数据 banner on every page). */
  demo: boolean;
}

/** The agenda's ranking weights and the minutes planned per item by level (设置 › 议程). */
export interface AgendaSettings {
  weights: { level: number; reasons: number; overdue: number; sensitive: number };
  minutesPerLevel: { major: number; large: number; general: number; low: number; unrated: number };
  version: number;
}
export const DEFAULT_AGENDA_SETTINGS: Omit<AgendaSettings, 'version'> = {
  weights: { level: 10, reasons: 4, overdue: 0.5, sensitive: 20 },
  minutesPerLevel: { major: 8, large: 5, general: 3, low: 2, unrated: 2 },
};
const weight = z.number({ message: '权重应为数字' }).min(0, { message: '权重不能为负数' }).max(100, { message: '权重不能超过100' });
const perItem = z.number({ message: '应为分钟数' }).int({ message: '应为整数分钟' }).min(1, { message: '每项至少 1 分钟' }).max(120, { message: '每项不能超过 120 分钟' });
export const agendaSettingsInput = z.object({
  weights: z.object({ level: weight, reasons: weight, overdue: weight, sensitive: weight }).strict(),
  minutesPerLevel: z.object({ major: perItem, large: perItem, general: perItem, low: perItem, unrated: perItem }).strict(),
  version: z.number({ message: '缺少版本号' }).int().positive(),
});
