// The document builders are pure: fixture inputs in, document model out. Expectations are
// computed here independently from the fixture rows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chineseNumber, docText, headingNumber, type Block, type Doc } from '../../shared/briefs/model.js';
import { buildRegisterDoc, buildWeeklyBrief, heatCounts, weeklySummary, type BriefRisk, type WeeklyBriefInput } from '../../shared/briefs/register.js';
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

const LEVEL_NAMES = ['重大', '较大', '一般', '低'];

function weeklyInput(risks: BriefRisk[]): WeeklyBriefInput {
  return { masthead: { style: 'red', organ: '江城市信访局', docName: '研判专报', issue: '2026年第47期' }, organ: '江城市信访局', from: '2026-11-16', to: '2026-11-22', asOf: '2026-11-23', domains: [...DEFAULT_DOMAINS], risks };
}

const blocksOf = <T extends Block['t']>(d: Doc, t: T) => d.blocks.filter((b): b is Extract<Block, { t: T }> => b.t === t);

describe('numbering', () => {
  it('writes Chinese numerals as documents do', () => {
    expect([1, 10, 11, 20, 47, 99, 100, 105, 110, 123].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '四十七', '九十九', '一百', '一百零五', '一百一十', '一百二十三']);
    expect([headingNumber(1, 3), headingNumber(2, 3), headingNumber(3, 3), headingNumber(4, 3)]).toEqual(['三、', '（三）', '3.', '（3）']);
  });
});

describe('weekly brief from register rows', () => {
  it('summary counts, heat map and key risks agree with the rows (any register)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ lv: fc.constantFrom(1, 2, 3, 4, null), d: fc.nat(10), closed: fc.boolean(), fresh: fc.boolean() }), { maxLength: 60 }), (spec) => {
        const rows = spec.map((s, i) => risk(i + 1, { level: s.lv, domain: DEFAULT_DOMAINS[s.d], status: s.closed ? '已销号' : '在控', firstFound: s.fresh ? '2026-11-20' : '2026-02-01' }));
        const active = rows.filter((r) => r.status !== '已销号');
        const text = weeklySummary(weeklyInput(rows));
        expect(text).toContain(`在册${active.length}件`);
        for (const [k, name] of LEVEL_NAMES.entries()) {
          const n = active.filter((r) => r.level === k + 1).length;
          if (n) expect(text).toContain(`${name}${n}件`);
          else expect(text).not.toContain(`${name}0件`);
        }
        expect(text).toContain(`新排查${active.filter((r) => r.firstFound === '2026-11-20').length}件`);
        const heat = heatCounts([...DEFAULT_DOMAINS], rows);
        expect(heat.counts.flat().reduce((a, b) => a + b, 0)).toBe(active.filter((r) => r.level !== null).length);
        const doc = buildWeeklyBrief(weeklyInput(rows));
        const keyHeadings = blocksOf(doc, 'h').filter((h) => h.level === 2);
        expect(keyHeadings.length).toBe(active.filter((r) => r.level === 1 || r.level === 2).length);
      }),
      { numRuns: 60 },
    );
  });

  it('prints each key risk with its level basis, and leaves meeting parts as marked empty sections', () => {
    const rows = Array.from({ length: 20 }, (_, i) => risk(i + 1));
    const doc = buildWeeklyBrief(weeklyInput(rows));
    const text = docText(doc).join('\n');
    for (const r of rows.filter((x) => (x.level === 1 || x.level === 2) && x.status !== '已销号')) {
      expect(text).toContain(r.title);
      expect(text).toContain(`定级依据：${r.levelBasis}`);
      expect(text).toContain(r.code);
    }
    expect(text).toContain('交办事项待会议召开后填入');
    expect(doc.masthead?.style).toBe('red');
    expect(blocksOf(doc, 'signature')[0].date).toBe('2026年11月23日');
  });

  it('takes decisions, assignments and trend from the meeting part when given', () => {
    const rows = [risk(1, { level: 1 }), risk(2, { level: 3 })];
    const doc = buildWeeklyBrief({ ...weeklyInput(rows), meeting: { raised: 2, lowered: 1, closed: 3, decisions: { 'JC-2026-001': '维持重大，本周约谈' }, assignments: [{ code: 'JB-1', content: '约谈企业', leadUnit: '城关区', dueAt: '2026-11-30' }], trend: { labels: ['第45周', '第46周'], series: [{ name: '重大', values: [1, 2] }] } } });
    const text = docText(doc).join('\n');
    expect(text).toContain('研判意见：维持重大，本周约谈');
    expect(text).toContain('调升等级2件、调降等级1件、销号3件');
    expect(blocksOf(doc, 'table')[0].rows).toEqual([['1', '约谈企业（JB-1）', '城关区', '2026-11-30']]);
    expect(blocksOf(doc, 'trend')).toHaveLength(1);
    expect(blocksOf(doc, 'trend')[0].labels).toEqual(['第45周', '第46周']);
  });

  it('without a meeting, the trend counts new items per week from the register', () => {
    const dates = ['2026-11-22', '2026-11-16', '2026-11-15', '2026-10-01', '2026-09-28'];
    const rows = dates.map((d, i) => risk(i + 1, { firstFound: d, level: i === 0 ? 1 : 3, status: '在控' }));
    const t = blocksOf(buildWeeklyBrief(weeklyInput(rows)), 'trend')[0];
    expect(t.labels).toHaveLength(8);
    expect(t.labels.at(-1)).toBe('11/16'); // the week 11-16 … 11-22
    // Week ending 11-22 holds 11-22 and 11-16; the week before holds 11-15; 10-01 and 09-28 fall in the first of the 8 weeks.
    const totals = t.series[0].values;
    expect(totals.at(-1)).toBe(2);
    expect(totals.at(-2)).toBe(1);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.firstFound! > '2026-09-27').length);
    expect(t.series[1].values.at(-1)).toBe(1);
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
