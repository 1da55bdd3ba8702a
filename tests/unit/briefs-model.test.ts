// The document builders are pure: fixture inputs in, document model out. Expectations are
// computed here independently from the fixture rows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chineseNumber, docText, headingNumber, type Block, type Doc } from '../../shared/briefs/model.js';
import { buildRegisterDoc, type BriefRisk } from '../../shared/briefs/register.js';
import { buildLeaderBrief, defaultPeriod, levelWords, plainWords, type DecidedRisk, type KeyRisk, type LeaderBriefInput } from '../../shared/briefs/weekly.js';
import { buildAgenda, buildAssignmentSheets, buildMinutes, buildSupervision } from '../../shared/briefs/meeting.js';
import { buildCalibration, calibrationLine, SAMPLE_AGENDA, SAMPLE_ASSIGNMENTS, SAMPLE_MINUTES, SAMPLE_SUPERVISION } from '../../shared/briefs/samples.js';
import { decodeRequest, encodeRequest } from '../../shared/briefs/request.js';
import { DEFAULT_DOMAINS } from '../../shared/labels.js';

function risk(i: number, o: Partial<BriefRisk> = {}): BriefRisk {
  return {
    code: `JC-2026-${String(i).padStart(3, '0')}`,
    region: '城关区',
    domain: DEFAULT_DOMAINS[i % DEFAULT_DOMAINS.length],
    title: `事项${i}`,
    summary: `基本情况${i}`,
    involvedText: '',
    involvedCount: 10 * i,
    involvedUnit: '人',
    level: ((i % 5) || null) as number | null,
    levelBasis: `依据${i}`,
    trend: '平稳',
    leadUnit: '市住建局',
    packageLeader: '王某',
    packageLeaderTitle: '副市长',
    deadline: '2026-12-31',
    deadlineNote: '',
    status: i % 7 === 0 ? '已销号' : '化解中',
    firstFound: i % 3 === 0 ? '2026-11-18' : '2026-01-05',
    controlMeasures: '',
    progress: '',
    ...o,
  };
}

const blocksOf = <T extends Block['t']>(d: Doc, t: T) => d.blocks.filter((b): b is Extract<Block, { t: T }> => b.t === t);

function leaderInput(o: Partial<LeaderBriefInput> = {}): LeaderBriefInput {
  return {
    masthead: { style: 'red', organ: '江城市信访局', docName: '研判专报', issue: '2026年第47期' },
    organ: '江城市信访局',
    from: '2026-11-09',
    to: '2026-11-15',
    asOf: '2026-11-18',
    counts: { active: 12, byLevel: [3, 4, 3, 1], unleveled: 1, fresh: 2, rose: 1, fell: 1, closed: 3 },
    table: { domains: ['问题楼盘', '涉法涉诉'], counts: [[2, 2, 1, 0], [1, 2, 2, 1]] },
    key: [],
    keyTotal: 0,
    overdue: [],
    sensitive: [],
    ...o,
  };
}

function decided(i: number, o: Partial<DecidedRisk> = {}): DecidedRisk {
  return { code: `JC-2026-${String(i).padStart(3, '0')}`, title: `事项${i}`, region: '城关区', domain: '问题楼盘', involvedText: '', involvedCount: 30, involvedUnit: '人', prevLevel: 2, finalLevel: 2, ruleLevel: 2, overrideReason: '', onAgenda: true, decision: '', ...o };
}

describe('numbering', () => {
  it('writes Chinese numerals as documents do', () => {
    expect([1, 10, 11, 20, 47, 99, 100, 105, 110, 123].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '四十七', '九十九', '一百', '一百零五', '一百一十', '一百二十三']);
    expect([headingNumber(1, 3), headingNumber(2, 3), headingNumber(3, 3), headingNumber(4, 3)]).toEqual(['三、', '（三）', '3.', '（3）']);
  });
});

describe('the leader\'s 专报 (pure builder)', () => {
  it('words the counts once, with a level × domain table whose totals add up', () => {
    const doc = buildLeaderBrief(leaderInput());
    const text = docText(doc).join('');
    expect(text).toContain('在册12件，其中重大3件、较大4件、一般3件、低1件、未定级1件');
    expect(text).toContain('本期新增2件，升级1件，降级1件，销号3件');
    const t = blocksOf(doc, 'heatmap')[0];
    expect(t.rowLabels).toEqual(['问题楼盘', '涉法涉诉', '合计']);
    expect(t.counts.at(-1)).toEqual([3, 4, 3, 1]);
  });

  it('names every risk discussed or re-graded, counts the consent list in one sentence, lists every assignment', () => {
    const list = [
      decided(1, { prevLevel: 2, finalLevel: 1, ruleLevel: 1, involvedText: '约1260人（420户）', decision: '可能性 5 × 影响程度 4 = 20 ≥ 15 → 重大；责成属地约谈' }),
      decided(2, { prevLevel: 1, finalLevel: 2, ruleLevel: 1, overrideReason: '稳控措施已落实', onAgenda: false }),
      decided(3, { onAgenda: false }),
      decided(4, { onAgenda: false }),
    ];
    const assignments = [{ code: 'JB-2026-001', content: '约谈开发商', leadUnit: '城关区', dueAt: '2026-11-30' }, { code: 'JB-2026-002', content: '化解欠薪', leadUnit: '市人社局', dueAt: '2026-12-05' }];
    const doc = buildLeaderBrief(leaderInput({ meeting: { title: '2026年第48次风险研判会', date: '2026-11-16', decided: list, assignments } }));
    const text = docText(doc).join('');
    expect(text).toContain('事项1（JC-2026-001，城关区问题楼盘）：涉及约1260人（420户），按规则由较大升为重大');
    expect(text).toContain('事项2（JC-2026-002，城关区问题楼盘）：涉及30人，会议研判由重大降为较大（稳控措施已落实）');
    expect(text).not.toContain('JC-2026-003');
    expect(text).toContain('其余2件风险隐患无新情况，经一揽子研判维持原等级');
    expect(text).toContain('研判风险隐患4件，其中逐件研判2件，一揽子确认2件');
    expect(blocksOf(doc, 'table')[0].rows.map((r) => r[0])).toEqual(['JB-2026-001', 'JB-2026-002']);
    for (const ch of ['→', '≥', '×']) expect(text).not.toContain(ch);
  });

  it('a meeting with more assignments than a leader reads one by one: counted by 牵头单位, the earliest due date each', () => {
    // 25 assignments: 市住建局 12 (earliest 11月20日), 城关区 8 (11月18日), 市人社局 5 (12月1日).
    const mk = (i: number, leadUnit: string, dueAt: string) => ({ code: `JB-2026-${String(i).padStart(3, '0')}`, content: `事项${i}`, leadUnit, dueAt });
    const assignments = [
      ...Array.from({ length: 12 }, (_, i) => mk(i + 1, '市住建局', i === 7 ? '2026-11-20' : '2026-11-30')),
      ...Array.from({ length: 8 }, (_, i) => mk(i + 13, '城关区', i === 0 ? '2026-11-25' : i === 5 ? '2026-11-18' : '2026-12-10')),
      ...Array.from({ length: 5 }, (_, i) => mk(i + 21, '市人社局', '2026-12-01')),
    ];
    const doc = buildLeaderBrief(leaderInput({ meeting: { title: '2026年第48次风险研判会', date: '2026-11-16', decided: [decided(1)], assignments } }));
    const text = docText(doc).join('');
    expect(text).toContain('本次研判会交办事项25件，涉及牵头单位3个，按牵头单位汇总如下（逐件见各单位交办单）');
    expect(text).not.toContain('JB-2026-001');
    const table = blocksOf(doc, 'table').find((t) => t.columns[0].title === '牵头单位')!;
    expect(table.rows).toEqual([
      ['市住建局', '12', '2026年11月20日'],
      ['城关区', '8', '2026年11月18日'],
      ['市人社局', '5', '2026年12月1日'],
    ]);
    // Twenty are still listed one by one.
    const twenty = buildLeaderBrief(leaderInput({ meeting: { title: '2026年第48次风险研判会', date: '2026-11-16', decided: [decided(1)], assignments: assignments.slice(0, 20) } }));
    expect(docText(twenty).join('')).toContain('本次研判会交办事项20件：');
    expect(blocksOf(twenty, 'table').find((t) => t.columns[0].title === '编号')!.rows).toHaveLength(20);
  });

  it('without a meeting says so and prints the period\'s assignments; flags overdue deadlines and groups overdue actions by unit', () => {
    const key: KeyRisk = { ...risk(5, { level: 1, deadline: '2026-10-01', controlMeasures: '专班包案。每日走访。' }), move: 'rose', prevLevel: 2, overdueDays: 48 };
    const doc = buildLeaderBrief(leaderInput({ key: [key], keyTotal: 7, periodAssignments: [{ code: 'JB-2026-009', content: '约谈', leadUnit: '城关区', dueAt: '2026-11-20' }], overdue: [{ unit: '市住建局', items: [{ code: 'JB-2026-003', overdueDays: 9 }, { code: 'JB-2026-004', overdueDays: 2 }] }] }));
    const text = docText(doc).join('');
    expect(text).toContain('本期未召开研判会。');
    expect(text).toContain('本期交办事项1件');
    expect(text).toContain('本期由较大升为重大');
    expect(text).toContain('措施：专班包案；包案领导王某（副市长）；化解时限2026年10月1日，已超期48天。');
    expect(text).toContain('在册重大、较大风险隐患7件，按等级和本期变化列出1件');
    expect(text).toContain('市住建局2件，最长超期9天');
    expect(blocksOf(doc, 'pagebreak')).toHaveLength(0); // the 附件 is off by default
  });

  it('plain words for rule-engine text', () => {
    expect(plainWords('可能性 5 × 影响程度 4 = 20 ≥ 15 → 重大')).toBe('可能性5级、影响程度4级，定为重大');
    expect(levelWords({ prevLevel: null, finalLevel: 1, ruleLevel: 1, overrideReason: '' })).toBe('按规则定为重大');
  });

  it('defaults to the Monday–Sunday before the given day\'s week', () => {
    expect(defaultPeriod('2026-11-16')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(defaultPeriod('2026-11-22')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
  });
});

describe('register table', () => {
  it('one row per risk in the given order, landscape', () => {
    const rows = Array.from({ length: 7 }, (_, i) => risk(i + 1, { involvedText: i === 2 ? '420户' : '' }));
    const doc = buildRegisterDoc({ organ: '江城市信访局', asOf: '2026-11-23', filterText: '领域：问题楼盘', risks: rows });
    expect(doc.orientation).toBe('landscape');
    const t = blocksOf(doc, 'table')[0];
    expect(t.rows.map((r) => r[1])).toEqual(rows.map((r) => r.code));
    expect(t.rows[2][5]).toBe('420户');
    expect(t.rows[0][5]).toBe('10人');
    expect(doc.subtitle).toContain('共7件');
    expect(doc.subtitle).toContain('领域：问题楼盘');
  });
});

describe('meeting documents', () => {
  it('纪要: exactly the lines of the text, each laid out by how it starts; nothing added or renumbered', () => {
    const text = ['某某会议纪要', '', '开会了。', '出席：甲、乙', '请假：丙', '一、研判事项', '（一）第一件', '1. 事项一。意见。', '会上另议定：某事', '3. 跳号也照印', '二、交办事项', '无。'].join('\n');
    const doc = buildMinutes({ organ: '江城市信访局', minutesNo: 5, year: 2026, text, draft: false, issueDate: '2026-11-24' });
    expect(doc.title).toBe('某某会议纪要');
    expect(doc.subtitle).toBeUndefined();
    expect(doc.blocks).toEqual([
      { t: 'p', text: '开会了。' },
      { t: 'attendance', rows: [{ label: '出席：', names: '甲、乙' }, { label: '请假：', names: '丙' }] },
      { t: 'h', level: 1, text: '一、研判事项' },
      { t: 'h', level: 2, text: '（一）第一件' },
      { t: 'h', level: 3, text: '1. 事项一。意见。' },
      { t: 'p', text: '会上另议定：某事' },
      { t: 'h', level: 3, text: '3. 跳号也照印' },
      { t: 'h', level: 1, text: '二、交办事项' },
      { t: 'p', text: '无。' },
    ]);
    expect(doc.masthead?.issue).toBe('2026年第5期');
    const draft = buildMinutes({ organ: '江城市信访局', minutesNo: 5, year: 2026, text, draft: true, issueDate: '2026-11-24' });
    expect(draft.subtitle).toBe('（讨论稿）');
    // The sample prints its own lines, in order.
    const sample = buildMinutes(SAMPLE_MINUTES);
    const printed = [sample.title, ...sample.blocks.flatMap((b) => (b.t === 'attendance' ? b.rows.map((r) => r.label + r.names) : b.t === 'p' || b.t === 'h' ? [b.text] : []))];
    expect(printed).toEqual(SAMPLE_MINUTES.text.split('\n').filter((l) => l.trim()));
  });

  it('交办单: one page per lead unit, each with its items and a receipt line', () => {
    const doc = buildAssignmentSheets(SAMPLE_ASSIGNMENTS);
    expect(blocksOf(doc, 'pagebreak')).toHaveLength(SAMPLE_ASSIGNMENTS.units.length - 1);
    expect(blocksOf(doc, 'receipt')).toHaveLength(SAMPLE_ASSIGNMENTS.units.length);
    expect(blocksOf(doc, 'receipt')[0].labels[0]).toBe('签收人：');
    expect(blocksOf(doc, 'title')).toHaveLength(SAMPLE_ASSIGNMENTS.units.length - 1); // every later page has its title
    const tables = blocksOf(doc, 'table');
    SAMPLE_ASSIGNMENTS.units.forEach((u, i) => {
      expect(tables[i].rows.map((r) => r[0])).toEqual(u.items.map((x) => x.code));
      expect(tables[i].rows.map((r) => r[4])).toEqual(u.items.map((x) => x.feedbackCycle));
    });
  });

  it('督办单: grouped by supervision level, most severe first, longest overdue first', () => {
    const items = [...SAMPLE_SUPERVISION.items, { ...SAMPLE_SUPERVISION.items[0], code: 'JB-X', overdueDays: 40 }];
    const doc = buildSupervision({ ...SAMPLE_SUPERVISION, items });
    expect(blocksOf(doc, 'h').map((b) => b.text)).toEqual(['一、通报（2项）', '二、挂牌督办（1项）', '三、督办单（1项）']);
    expect(blocksOf(doc, 'table')[0].rows.map((r) => r[0])).toEqual(['JB-X', 'JB-2026-0201']);
  });

  it('议程: times run on from the start time', () => {
    const doc = buildAgenda(SAMPLE_AGENDA);
    const rows = blocksOf(doc, 'table')[0].rows;
    let t = 9 * 60;
    rows.forEach((r, i) => {
      const end = t + SAMPLE_AGENDA.items[i].minutes;
      expect(r[3]).toBe(`${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}—${Math.floor(end / 60)}:${String(end % 60).padStart(2, '0')}`);
      t = end;
    });
  });
});

describe('calibration page and request encoding', () => {
  it('every calibration line has exactly 28 characters, 22 per page', () => {
    for (let n = 1; n <= 300; n++) expect([...calibrationLine(n)].length).toBe(28);
    expect(blocksOf(buildCalibration(3), 'p')).toHaveLength(1 + 3 * 22);
  });

  it('request survives the URL round trip with Chinese text', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = { kind: 'register' as const, filter: { query: s } };
      expect(decodeRequest(encodeRequest(r))).toEqual(r);
      expect(encodeRequest(r)).toMatch(/^[\w-]*$/);
    }));
  });
});
