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
  /** And of those, no more than this many bytes in all, oldest dropped first (the newest is always kept). */
  maxBytes: number;
}

const GB = 1024 ** 3;
/** At 100,000 risks a backup is ~1.2 GB: 18 of them would be ~20 GB. */
export const DEFAULT_ROTATION: RotationPolicy = { last: 10, weeks: 8, maxBytes: 4 * GB };

/** The policy in words, for the backups page. */
export function rotationText(p: RotationPolicy = DEFAULT_ROTATION): string {
  return `保留最近 ${p.last} 份及近 ${p.weeks} 周每周 1 份，合计不超过 ${formatBytes(p.maxBytes)}（超出时先删最旧的，最新一份总保留）`;
}

export function formatBytes(n: number): string {
  if (n >= GB) return `${(n / GB).toFixed(1)} GB`;
  if (n > 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}

/**
 * Audit rows that record no change of the register's data (a document printed or saved): they do
 * not make the start-up backup necessary (db/briefs.ts writes them).
 */
export const AUDIT_ONLY_ACTIONS = ['print', 'export', 'backup', 'login', 'loginFailed', 'loginLocked', 'lockout', 'logout', 'lock'] as const;

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
  // Then the size bound: newest first, a backup that would take the total past it goes (the newest stays).
  let total = 0;
  for (const b of sorted) {
    if (!keep.has(b.name)) continue;
    if (total > 0 && total + b.size > policy.maxBytes) keep.delete(b.name);
    else total += b.size;
  }
  return keep;
}

/**
 * yanpan-20261125T093000123Z-start.db ⇄ register + instant + reason. The register is the database
 * file's name without its extension (yanpan.db → yanpan), so registers that share a folder (and so
 * a backups folder) each see only their own backups.
 */
export function backupFileName(at: string, reason: string, register = 'yanpan'): string {
  return `${register}-${at.replace(/[-:.]/g, '')}-${reason}.db`;
}

export function parseBackupFileName(name: string): { at: string; reason: string; register: string } | null {
  const m = /^(.+)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z]+)\.db$/.exec(name);
  if (!m) return null;
  return { at: `${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}.${m[8]}Z`, reason: m[9], register: m[1] };
}
