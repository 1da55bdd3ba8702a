// The default register lives where every staff member of the PC can reach it; a user who cannot
// write there falls back to their own folder with a note; YANPAN_HOME overrides. The probe is
// injected, so nothing here touches /var/lib or ProgramData.
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dbLocation, writableFolder } from '../../electron/paths.js';
import { tempDir } from './helpers.js';

const yes = () => true;
const no = () => false;

describe('default register folder', () => {
  it('Windows: %ProgramData%\\风险研判台 when writable, else %APPDATA%\\风险研判台 with a note', () => {
    const env = { ProgramData: 'D:\\ProgramData', APPDATA: 'C:\\Users\\li\\AppData\\Roaming', USERPROFILE: 'C:\\Users\\li' };
    const asked: string[] = [];
    expect(dbLocation('win32', env, (d) => (asked.push(d), true))).toEqual({ path: 'D:\\ProgramData\\风险研判台\\yanpan.db', scope: 'machine', note: null });
    expect(asked).toEqual(['D:\\ProgramData\\风险研判台']);
    const fallback = dbLocation('win32', env, no);
    expect(fallback.path).toBe('C:\\Users\\li\\AppData\\Roaming\\风险研判台\\yanpan.db');
    expect(fallback.scope).toBe('user');
    expect(fallback.note).toContain('D:\\ProgramData\\风险研判台 无法建立或写入');
    expect(fallback.note).toContain('C:\\Users\\li\\AppData\\Roaming\\风险研判台');
    // Without the variable: the usual place.
    expect(dbLocation('win32', { USERPROFILE: 'C:\\Users\\li' }, yes).path).toBe('C:\\ProgramData\\风险研判台\\yanpan.db');
    expect(dbLocation('win32', { USERPROFILE: 'C:\\Users\\li' }, no).path).toBe('C:\\Users\\li\\AppData\\Roaming\\风险研判台\\yanpan.db');
  });

  it('Linux: /var/lib/yanpan when writable, else ~/.config/风险研判台 (or XDG_CONFIG_HOME)', () => {
    expect(dbLocation('linux', { HOME: '/home/li' }, yes)).toEqual({ path: '/var/lib/yanpan/yanpan.db', scope: 'machine', note: null });
    const fallback = dbLocation('linux', { HOME: '/home/li' }, no);
    expect(fallback).toMatchObject({ path: '/home/li/.config/风险研判台/yanpan.db', scope: 'user' });
    expect(fallback.note).toMatch(/^本机公用文件夹 \/var\/lib\/yanpan 无法建立或写入（当前系统用户没有权限），台账改存在本用户的文件夹 \/home\/li\/.config\/风险研判台/);
    expect(dbLocation('linux', { HOME: '/home/li', XDG_CONFIG_HOME: '/cfg' }, no).path).toBe('/cfg/风险研判台/yanpan.db');
  });

  it('macOS: /Users/Shared/风险研判台 when writable, else ~/Library/Application Support', () => {
    expect(dbLocation('darwin', { HOME: '/Users/li' }, yes).path).toBe('/Users/Shared/风险研判台/yanpan.db');
    expect(dbLocation('darwin', { HOME: '/Users/li' }, no).path).toBe('/Users/li/Library/Application Support/风险研判台/yanpan.db');
  });

  it('YANPAN_HOME overrides without probing; the host may name its own per-user folder (Electron userData)', () => {
    const probe = () => {
      throw new Error('must not probe');
    };
    expect(dbLocation('linux', { HOME: '/home/li', YANPAN_HOME: '/srv/yp' }, probe)).toEqual({ path: '/srv/yp/yanpan.db', scope: 'env', note: null });
    expect(dbLocation('win32', { YANPAN_HOME: 'E:\\台账' }, probe).path).toBe('E:\\台账\\yanpan.db');
    expect(dbLocation('linux', { HOME: '/home/li' }, no, '/home/li/.config/Electron').path).toBe('/home/li/.config/Electron/yanpan.db');
  });

  it('the real probe creates a folder it may write and refuses one it cannot create', () => {
    const dir = tempDir();
    expect(writableFolder(join(dir, 'a', 'b'))).toBe(true);
    expect(existsSync(join(dir, 'a', 'b'))).toBe(true);
    // A folder under a regular file can never be made, whoever runs the test (root ignores modes).
    writeFileSync(join(dir, 'file'), '');
    expect(writableFolder(join(dir, 'file', 'x'))).toBe(false);
  });
});
