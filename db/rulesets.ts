// Versioned rule sets: append-only; a change is a new version, past assessments keep theirs.
import type { Db } from './open.js';
import type { WriteContext } from './context.js';
import { writeAudit } from './audit.js';
import { AppError } from '../shared/errors.js';
import { ruleSetConfig, type RuleSetConfig } from '../shared/grading.js';

export interface RuleSet {
  version: number;
  config: RuleSetConfig;
  note: string;
  createdAt: string;
  createdBy: string;
}

type Row = { version: number; config: string; note: string; created_at: string; created_by: string };
const toRuleSet = (r: Row): RuleSet => ({ version: r.version, config: JSON.parse(r.config), note: r.note, createdAt: r.created_at, createdBy: r.created_by });

export function currentRuleSet(db: Db): RuleSet {
  return toRuleSet(db.prepare('SELECT * FROM rule_sets ORDER BY version DESC LIMIT 1').get() as Row);
}

export function listRuleSets(db: Db): RuleSet[] {
  return (db.prepare('SELECT * FROM rule_sets ORDER BY version DESC').all() as Row[]).map(toRuleSet);
}

/** Saves a new version when the config differs from the current one; otherwise writes nothing. */
export function saveRuleSet(db: Db, ctx: WriteContext, config: RuleSetConfig, note: string, baseVersion: number): RuleSet {
  const cur = currentRuleSet(db);
  if (cur.version !== baseVersion) {
    throw new AppError('CONFLICT', `定级规则已被他人改为第 ${cur.version} 版（您编辑的是第 ${baseVersion} 版），本次未保存。请刷新后重新修改。`);
  }
  const parsed = ruleSetConfig.parse(config);
  if (JSON.stringify(parsed) === JSON.stringify(cur.config)) return cur;
  const version = cur.version + 1;
  db.prepare('INSERT INTO rule_sets (version, config, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(parsed), note, ctx.now(), ctx.actor);
  writeAudit(db, ctx, 'create', 'rule_set', version, cur.config, parsed);
  return currentRuleSet(db);
}
