import { z } from 'zod';
import { method } from './method.js';
import { REGISTER_READERS } from '../roles.js';
import { briefOutput, briefRequest } from '../briefs/request.js';
import type { Doc } from '../briefs/model.js';
import type { FontReport } from '../briefs/fonts.js';

export interface BriefFile {
  /** Where the file was written (when `out` was given). */
  path?: string;
  base64?: string;
  bytes: number;
  pages?: number;
  fileName: string;
}

export interface BriefProgress {
  stage: '排队' | '准备数据' | '排版' | '生成PDF' | '完成' | '已取消' | '出错';
  percent: number;
}

/** A file the local caller names: absolute, so it never depends on the host's working folder. */
const absolutePath = z
  .string()
  .min(1, { message: '缺少输出文件路径' })
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && !p.includes('\0'), { message: '输出文件应为绝对路径' });

/** A document on paper: which one, how many copies. */
const paperInput = z.object({ request: briefRequest, copies: z.number().int().min(1).max(999) });

export const briefMethods = {
  'briefs.model': method<Doc>()(briefRequest, false, '简报文档模型（版头、标题、段落、表格、热力图），打印页与Word共用'),
  'briefs.pdf': method<BriefFile>()(z.object({ request: briefRequest }).extend(briefOutput.shape), false, '生成PDF（无头Chromium或Electron打印），以下载的方式交给页面，记入审计日志'),
  'briefs.docx': method<BriefFile>()(z.object({ request: briefRequest }).extend(briefOutput.shape), false, '生成Word文档（.docx），以下载的方式交给页面，记入审计日志'),
  // Local only: they write to a path the caller names (yanpan brief --out).
  'briefs.savePdf': method<BriefFile>()(z.object({ request: briefRequest, out: absolutePath }).extend(briefOutput.shape), false, '生成PDF并写入指定文件（仅命令行与宿主进程内部可用）', 'local'),
  'briefs.saveDocx': method<BriefFile>()(z.object({ request: briefRequest, out: absolutePath }).extend(briefOutput.shape), false, '生成Word文档并写入指定文件（仅命令行与宿主进程内部可用）', 'local'),
  'briefs.progress': method<{ job: BriefProgress | null }>()(z.object({ jobId: z.string().min(1).max(64) }), false, '查询生成进度'),
  'briefs.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }), false, '取消正在生成的文档'),
  'briefs.printPaper': method<{ printed: true }>()(paperInput, false, '桌面版：经系统打印对话框打印到纸张，打印成功后记入审计日志（网页版由浏览器打印窗口打印）'),
  'briefs.fonts': method<{ checked: boolean; roles: FontReport[] }>()(z.object({}), false, '最近一次生成的PDF中各类文字实际使用的字体（公文字体缺失时为替代字体）'),
  'briefs.recordPrint': method<{ recorded: true }>()(paperInput, true, '记录一次纸质打印（份数）', 'public', REGISTER_READERS),
} as const;
