// SQLite's and the file system's error codes in words a user can act on. One table for the
// dispatcher, the database opener and the command line, so a busy or read-only register reads
// the same everywhere and no English "SqliteError … database is locked" reaches a person.
import { AppError } from '../shared/errors.js';

const BUSY = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED_SHAREDCACHE'];

/** The Chinese AppError for a SQLite/file-system error, or null when the error is not one of those. */
export function dbErrorInChinese(e: unknown, what = '本次操作'): AppError | null {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string } | null)?.code ?? '';
  if (BUSY.includes(code)) return new AppError('DB_ERROR', `数据库正被其他程序使用，${what}没有完成，数据未受影响。请稍后重试。`);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('DB_ERROR', `磁盘空间已满，${what}没有完成，原有数据未受影响。请清理磁盘后重试。`);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError('DB_ERROR', `数据库文件或其所在的文件夹是只读的，${what}没有完成。请检查文件权限；只读时仍可查看、检查、备份和导出。`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return new AppError('DB_ERROR', `数据库文件已损坏或不是风险研判台的数据库，${what}没有完成。`);
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT') return new AppError('DB_ERROR', `无法打开数据库文件（文件不存在或没有访问权限），${what}没有完成。`);
  if (code.startsWith('SQLITE_IOERR')) return new AppError('DB_ERROR', `读写数据库文件时出错（磁盘或网络盘故障），${what}没有完成。请检查磁盘后重试。`);
  return null;
}
