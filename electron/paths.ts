// Where data lives. The web host and CLI use the same folder Electron's app.getPath('userData')
// gives for productName 风险研判台, so both hosts open the same register by default.
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = '风险研判台';
export const DB_FILE_NAME = 'yanpan.db';

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

export function defaultUserDataDir(): string {
  return process.env.YANPAN_HOME ?? join(appDataDir(), PRODUCT_NAME);
}

export function defaultDbPath(): string {
  return join(defaultUserDataDir(), DB_FILE_NAME);
}

export function osUserName(): string {
  try {
    return userInfo().username || '操作员';
  } catch {
    return '操作员';
  }
}
