// Moving file bytes between the browser and the API: the renderer has no file system, so files
// travel as base64. Reading reports real progress; saving goes through a temporary blob link.
import { api } from '../api';
import type { ExportTable } from '../../shared/contract/imports';
import { DOWNLOAD_PREFIX, type FilePayload } from '../../shared/files';

export function readFileBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onerror = () => fail(new Error(`无法读取文件「${file.name}」。请确认文件没有被其他程序占用。`));
    reader.onload = () => {
      const url = String(reader.result);
      onProgress(1);
      ok(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

function clickDownload(href: string, fileName: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves bytes that came back as base64 through a temporary link (both hosts allow blob: downloads). */
export function saveBase64(fileName: string, dataBase64: string, type = 'application/octet-stream'): void {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  clickDownload(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves a file the API returned: inline bytes through a blob link, a large file through its
 * one-time download link, which the host streams straight to disk (see shared/files.ts).
 */
export function saveFile(f: FilePayload, type = 'application/octet-stream'): void {
  if (f.downloadId) clickDownload(`.${DOWNLOAD_PREFIX}${f.downloadId}`, f.fileName);
  else saveBase64(f.fileName, f.dataBase64 ?? '', type);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Progress for work the server does in one call: moves quickly at first and slows near the end,
 * so the bar keeps moving without claiming to be done. `stop` jumps to 100%.
 */
export function easedProgress(set: (p: number) => void, from: number, to: number, expectedMs: number): () => void {
  const start = performance.now();
  const timer = setInterval(() => {
    const t = (performance.now() - start) / expectedMs;
    set(Math.round(from + (to - from) * (1 - Math.exp(-2 * t)) * 0.97));
  }, 120);
  return () => {
    clearInterval(timer);
    set(to);
  };
}

/**
 * Asks the core for an export and saves it (the data page and the register toolbar both offer this).
 * CSV holds the one table `tables[0]`; .xlsx holds every table listed, one sheet each.
 */
export async function downloadExport(format: 'xlsx' | 'csv', tables: ExportTable[] = ['register']): Promise<void> {
  const f = await api('exports.register', format === 'csv' ? { format, sheet: tables[0] } : { format, sheets: tables });
  saveFile(f, format === 'xlsx' ? XLSX_TYPE : 'text/csv');
}
