import { z } from 'zod';

export interface AppSettings {
  cityPrefix: string;
  cityName: string;
  operator: string;
}

export const settingsUpdateInput = z.object({
  cityPrefix: z.string().trim().regex(/^[A-Z]{1,6}$/, { message: '城市代码应为 1–6 个大写英文字母，例如 JC' }).optional(),
  cityName: z.string().trim().min(1, { message: '不能为空' }).max(30, { message: '不能超过30个字' }).optional(),
  operator: z.string().trim().min(1, { message: '不能为空' }).max(30, { message: '不能超过30个字' }).optional(),
});

export interface NamedItem {
  id: number;
  name: string;
  sort: number;
  active: boolean;
}

export interface Lists {
  domains: NamedItem[];
  regions: NamedItem[];
}

export interface AppInfo {
  dbPath: string;
  today: string;
  firstRun: boolean;
  riskCount: number;
  settings: AppSettings;
  schemaVersion: number;
  host: 'web' | 'electron' | 'cli';
}
