// Which statuses close a risk is written once (shared/risks.ts CLOSED_STATUSES) and used everywhere,
// in SQL too: here the rule is checked status by status where SQL applies it (the week triggers
// a migration created, 我的周一's reviews), and no second spelling of it may appear.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../db/migrate.js';
import { risksDueForReview } from '../../db/agendaReasons.js';
import { createRisk, updateRisk } from '../../db/risks.js';
import { CLOSED_STATUSES, CLOSED_STATUSES_SQL, isClosedStatus } from '../../shared/risks.js';
import { RISK_STATUSES } from '../../shared/labels.js';
import { sqlInList } from '../../shared/sql.js';
import { tempDatabase, tempDir, testContext } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');

describe('closed statuses: one rule', () => {
  it('sqlInList quotes as SQL text', () => {
    expect(CLOSED_STATUSES_SQL).toBe("('已销号', '转司法终结')");
    expect(sqlInList(["it's", 'x'])).toBe("('it''s', 'x')");
    expect(() => sqlInList([])).toThrow();
  });

  it('the week triggers (written by a migration) count a week row as open exactly when the TypeScript rule does', () => {
    const { db } = tempDatabase();
    const insert = db.prepare("INSERT INTO risk_weeks (week, risk_id, level, prev_level, likelihood, impact, status, domain_id, region_id, kind) VALUES ('2026-11-23', ?, 2, 2, 3, 3, ?, ?, 1, 'same')");
    RISK_STATUSES.forEach((s, i) => insert.run(i + 1, s, 100 + i));
    const open = new Map(db.prepare("SELECT domain_id, open FROM week_summary WHERE week = '2026-11-23'").raw().all() as Array<[number, number]>);
    expect(RISK_STATUSES.map((s, i) => [s, open.get(100 + i) === 1])).toEqual(RISK_STATUSES.map((s) => [s, !isClosedStatus(s)]));
    // …and the update and delete triggers take the same rule back out.
    db.prepare("UPDATE risk_weeks SET status = '在控'").run();
    db.prepare('DELETE FROM risk_weeks').run();
    expect(db.prepare('SELECT COUNT(*) FROM week_summary WHERE n <> 0').pluck().get()).toBe(0);
  });

  it('the migrations get the list from shared/ (no placeholder left, an unknown one refused)', () => {
    const all = loadMigrations().map((m) => m.sql).join('\n');
    expect(all).not.toContain('{{');
    // 0004's week triggers (5), 0013's 销号 and 反弹 marks on the history (2 each) and the index of open risks by review (0014, recreated wider in 0016: 1 each).
    expect(all.split(CLOSED_STATUSES_SQL).length - 1).toBe(11);
    const dir = tempDir();
    writeFileSync(join(dir, '0001_x.sql'), 'SELECT {{NO_SUCH_RULE}};');
    expect(() => loadMigrations(dir)).toThrow('unknown placeholder {{NO_SUCH_RULE}}');
  });

  it('我的周一 lists a risk due for review exactly when its status is open', () => {
    const { db } = tempDatabase();
    const ctx = testContext();
    const ids = RISK_STATUSES.map((status, i) => {
      const r = createRisk(db, ctx, { regionId: 1, domainId: 1, title: `事项${i}`, level: 2, firstFound: '2026-10-01', asOf: '2026-10-01' });
      return updateRisk(db, ctx, r.id, r.version, { status }).id;
    });
    const due = new Set(risksDueForReview(db, '2026-12-31', 100).rows.map((r) => r.riskId));
    expect(RISK_STATUSES.map((s, i) => [s, due.has(ids[i])])).toEqual(RISK_STATUSES.map((s) => [s, !isClosedStatus(s)]));
    expect(risksDueForReview(db, '2026-12-31', 2)).toMatchObject({ total: RISK_STATUSES.length - CLOSED_STATUSES.length });
  });

  it('no module spells the list a second time (outside shared/risks.ts)', () => {
    // Two closed statuses side by side in one list, in any quoting: a copy of the rule.
    const [a, b] = CLOSED_STATUSES;
    const copy = new RegExp(`['"]${a}['"]\\s*,\\s*['"]${b}['"]|['"]${b}['"]\\s*,\\s*['"]${a}['"]`);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx|sql)$/.test(name)) files.push(p);
      }
    };
    for (const d of ['shared', 'db', 'electron', 'renderer']) walk(join(root, d));
    const copies = files
      .map((f) => relative(root, f).split(sep).join('/'))
      .filter((f) => f !== 'shared/risks.ts')
      // The bench's own copies go with the bench's rework (electron/bench is another branch's).
      .filter((f) => !f.startsWith('electron/bench/'))
      .filter((f) => copy.test(readFileSync(join(root, f), 'utf8')));
    expect(copies).toEqual([]);
  });
});
