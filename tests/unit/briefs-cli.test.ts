// `yanpan brief` as a user runs it: PDF through the CLI's own loopback host and Chromium, and --docx.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, cliLogin } from './helpers.js';
import { openDatabase } from '../../db/open.js';

const BIN = join(import.meta.dirname, '..', '..', 'scripts', 'yanpan.mjs');
function yanpan(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...cliLogin(args), YANPAN_HOME: tempDir() } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('yanpan brief', () => {
  it('writes the weekly 专报 as PDF and as .docx, and records both in the audit log', () => {
    const dir = tempDir();
    const db = join(dir, 'b.db');
    expect(yanpan('demo', '--db', db, '--risks', '40', '--as-of', '2026-11-23').code).toBe(0);
    const pdf = yanpan('brief', '--kind', 'weekly', '--as-of', '2026-11-23', '--db', db, '--out', join(dir, 'w.pdf'), '--copies', '3');
    expect(pdf.err).toBe('');
    expect(pdf.code).toBe(0);
    expect(JSON.parse(pdf.out).pages).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'w.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = yanpan('brief', '--kind', 'weekly', '--docx', '--as-of', '2026-11-23', '--db', db, '--out', join(dir, 'w.docx'));
    expect(docx.code).toBe(0);
    expect(readFileSync(join(dir, 'w.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    const conn = openDatabase(db);
    const audit = conn.prepare("SELECT action, after FROM audit_log WHERE entity = 'brief' ORDER BY id").all() as { action: string; after: string }[];
    conn.close();
    expect(audit.map((a) => [a.action, JSON.parse(a.after).format, JSON.parse(a.after).copies])).toEqual([['export', 'pdf', 3], ['export', 'docx', 1]]);
  }, 60_000);

  it('prints a meeting\'s 纪要, 交办单 and 议程 with --meeting and the Chinese kind names', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    expect(yanpan('demo', '--db', db, '--risks', '60', '--as-of', '2026-11-23').code).toBe(0);
    const conn = openDatabase(db);
    // A signed demo meeting with assignments to more than one unit.
    const m = conn.prepare("SELECT m.id, m.attendees, (SELECT COUNT(DISTINCT lead_unit) FROM actions a WHERE a.meeting_id = m.id) AS units FROM meetings m WHERE m.state IN ('已签发','已归档') AND (SELECT COUNT(DISTINCT lead_unit) FROM actions a WHERE a.meeting_id = m.id) > 1 ORDER BY m.date DESC LIMIT 1").get() as { id: number; attendees: string; units: number };
    const actionCodes = conn.prepare('SELECT code FROM actions WHERE meeting_id = ?').pluck().all(m.id) as string[];
    conn.close();
    const minutes = yanpan('brief', '--meeting', String(m.id), '--kind', '纪要', '--db', db, '--out', join(dir, 'm.pdf'));
    expect(minutes.err).toBe('');
    expect(minutes.code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'm.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const name of JSON.parse(m.attendees) as string[]) expect(text).toContain(name);
    for (const c of actionCodes) expect(text).toContain(c);
    const sheets = yanpan('brief', '--meeting', String(m.id), '--kind', '交办单', '--db', db, '--out', join(dir, 'a.pdf'));
    expect(sheets.code).toBe(0);
    expect(JSON.parse(sheets.out).pages).toBeGreaterThanOrEqual(m.units);
    const agenda = yanpan('brief', '--meeting', String(m.id), '--kind', 'agenda', '--docx', '--db', db, '--out', join(dir, 'g.docx'));
    expect(agenda.code).toBe(0);
    expect(readFileSync(join(dir, 'g.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = yanpan('brief', '--meeting', 'x', '--kind', '纪要', '--db', db, '--out', join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--meeting 应为会议编号');
    const unknown = yanpan('brief', '--kind', '通知', '--db', db, '--out', join(dir, 'x.pdf'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('不认识的文档类型');
  }, 90_000);

  it('explains in Chinese what is missing', () => {
    const db = join(tempDir(), 'e.db');
    const r = yanpan('brief', '--kind', 'minutes', '--db', db, '--out', join(tempDir(), 'm.pdf'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('研判会');
    const u = yanpan('brief', '--db', db);
    expect(u.code).toBe(2);
    expect(u.err).toContain('--kind');
  });
});
