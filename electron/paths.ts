// Where data lives. The register is shared by everyone who works at the PC (issue 16), so its
// default folder is machine-wide, not one OS user's profile: %ProgramData%\风险研判台 on Windows,
// /var/lib/yanpan on Linux, /Users/Shared/风险研判台 on macOS. When this OS user cannot create or
// write that folder (Linux without an installer that made it, a locked-down PC), the register falls
// back to the user's own data folder and says so. YANPAN_HOME overrides both; --db overrides all.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = '风险研判台';
export const DB_FILE_NAME = 'yanpan.db';

type Platform = NodeJS.Platform;
type Env = Readonly<Record<string, string | undefined>>;
const pathFor = (platform: Platform) => (platform === 'win32' ? win32 : posix);

/** Can this OS user create the folder and write in it? Injected so tests never touch /var/lib. */
export type FolderProbe = (dir: string) => boolean;

export interface DbLocation {
  /** The register file. */
  path: string;
  /** env: YANPAN_HOME; machine: the machine-wide folder; user: the fallback in this user's profile. */
  scope: 'env' | 'machine' | 'user';
  /** Why the fallback was taken (Chinese, shown on stderr and by app.info); null otherwise. */
  note: string | null;
}

/** The folder every staff member of the PC can reach. */
export function machineDataDir(platform: Platform, env: Env): string {
  if (platform === 'win32') return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData', PRODUCT_NAME);
  if (platform === 'darwin') return posix.join('/Users/Shared', PRODUCT_NAME);
  return '/var/lib/yanpan';
}

/** This OS user's data folder (Electron's userData for productName 风险研判台). */
export function userDataDir(platform: Platform, env: Env): string {
  const p = pathFor(platform);
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) ?? homedir();
  if (platform === 'win32') return p.join(env.APPDATA ?? p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return p.join(env.XDG_CONFIG_HOME ?? p.join(home, '.config'), PRODUCT_NAME);
}

/**
 * The default register: YANPAN_HOME when set; else the machine-wide folder when `probe` says this
 * user can write there; else `userDir` (default: this user's data folder) with a note saying why.
 */
export function dbLocation(platform: Platform, env: Env, probe: FolderProbe, userDir = userDataDir(platform, env)): DbLocation {
  const p = pathFor(platform);
  if (env.YANPAN_HOME) return { path: p.join(env.YANPAN_HOME, DB_FILE_NAME), scope: 'env', note: null };
  const machine = machineDataDir(platform, env);
  if (probe(machine)) return { path: p.join(machine, DB_FILE_NAME), scope: 'machine', note: null };
  return {
    path: p.join(userDir, DB_FILE_NAME),
    scope: 'user',
    note:
      `本机公用文件夹 ${machine} 无法建立或写入（当前系统用户没有权限），台账改存在本用户的文件夹 ${userDir}，本机其他用户看不到。` +
      `请由管理员建立该文件夹并允许本机各用户写入，或用 --db 指定各用户都能访问的位置。`,
  };
}

/** The real probe: create the folder if missing, then check it can be written. */
export const writableFolder: FolderProbe = (dir) => {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** This process's default register (probed once). */
let chosen: DbLocation | null = null;
export function defaultDbLocation(userDir?: string): DbLocation {
  chosen ??= dbLocation(process.platform, process.env, writableFolder, userDir);
  return chosen;
}

/** The CLI's and web host's default register; a fallback is explained on stderr once. */
export function defaultDbPath(): string {
  const first = chosen === null;
  const loc = defaultDbLocation();
  if (first && loc.note) process.stderr.write(`提示：${loc.note}\n`);
  return loc.path;
}

/**
 * How app.info explains the register in use: the machine-wide default, the per-user fallback (with
 * why), YANPAN_HOME, or a file given with --db. Reads the choice made at start, never probes again.
 */
export function describeDbPath(dbPath: string): { scope: DbLocation['scope'] | 'chosen'; note: string | null } {
  if (chosen && chosen.path === dbPath) return { scope: chosen.scope, note: chosen.note };
  return { scope: 'chosen', note: null };
}

export function osUserName(): string {
  try {
    return userInfo().username || '操作员';
  } catch {
    return '操作员';
  }
}
