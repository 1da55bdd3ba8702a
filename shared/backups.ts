// Backup rotation and naming: pure rules (which backups to keep), no file system.

export interface BackupEntry {
  name: string;
  /** ISO instant the backup was taken. */
  at: string;
  reason: string;
  size: number;
}

export interface RotationPolicy {
  /** Keep this many newest backups. */
  last: number;
  /** Plus the newest backup of each of this many 7-day periods counted back from now. */
  weeks: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { last: 10, weeks: 8 };

export const BACKUP_REASONS: Record<string, string> = {
  start: '启动时自动备份',
  import: '导入前自动备份',
  migrate: '升级数据库结构前自动备份',
  restore: '恢复前保存的当前数据库',
  manual: '手动备份',
  damaged: '损坏的数据库（原样保存）',
};

/** Names of the backups to keep: the newest `last`, plus the newest one in each of the last `weeks` weeks. */
export function backupsToKeep(backups: readonly BackupEntry[], now: string, policy: RotationPolicy = DEFAULT_ROTATION): Set<string> {
  const sorted = [...backups].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const keep = new Set(sorted.slice(0, policy.last).map((b) => b.name));
  const nowMs = Date.parse(now);
  const seenWeek = new Set<number>();
  for (const b of sorted) {
    const week = Math.floor((nowMs - Date.parse(b.at)) / (7 * 86_400_000));
    if (week < 0 || week >= policy.weeks || seenWeek.has(week)) continue;
    seenWeek.add(week);
    keep.add(b.name);
  }
  return keep;
}

/** yanpan-20261125T093000123Z-start.db ⇄ instant + reason. */
export function backupFileName(at: string, reason: string): string {
  return `yanpan-${at.replace(/[-:.]/g, '')}-${reason}.db`;
}

export function parseBackupFileName(name: string): { at: string; reason: string } | null {
  const m = /^yanpan-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z]+)\.db$/.exec(name);
  if (!m) return null;
  return { at: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`, reason: m[8] };
}
