// The yearly report's sentences, checked against the constructed register (tests/unit/statsFixture.ts)
// with every figure worked out by hand; and the frozen snapshot: reprinting gives the issued numbers
// and lists after the register changed.
import { describe, expect, it } from 'vitest';
import { tempDatabase } from './helpers.js';
import { createRisk } from '../../db/risks.js';
import { statsRecords, statsSummary } from '../../db/stats.js';
import { issueReport } from '../../db/statsReports.js';
import { periodOf } from '../../shared/stats.js';
import { actionsSentence, meetingsSentence, ratesSentence, registerSentence, roughly } from '../../shared/statsSentences.js';
import { buildStatsReport } from '../../shared/briefs/statsReport.js';
import { docText } from '../../shared/briefs/model.js';
import { at, build, day } from './statsFixture.js';

describe('年度风险研判工作情况', () => {
  it('writes the year in a bureau\'s words from the figures', () => {
    const { db } = tempDatabase();
    build(db);
    const s = statsSummary(db, periodOf('year', '2026-05-01'), '2026-11-25', true);
    // Held: 周例会 30 March and 6 April, 专题会 28 April and 28 September; A and B assessed, A once on the consent list.
    expect(meetingsSentence(s)).toBe('全年召开风险研判会4次，其中周例会2次、专题会2次，研判问题楼盘、劳动社保领域涉稳风险隐患2件，形成研判记录3条（其中一揽子研判确认1条）。');
    // Nothing before 2026; A–E entered; D raised 30 June and lowered 1 July; C and E closed; C rebounded;
    // on 25 November A, C 一般, B 重大, D 低 (E closed).
    expect(registerSentence(s)).toBe('年初在册风险隐患0件，全年新增5件、升级1件、降级1件、销号2件、反弹1件，截至目前在册4件，其中重大1件、一般2件、低1件。');
    // 化解 C: 1/5; 在控 A of A–D: 1/4; 包案 B, C, 化解 C: 1/2. Last year had nothing to compare with.
    expect(ratesSentence(s)).toBe('全年化解风险隐患1件；化解率20%；在控率25%；领导包案2件、化解1件，包案化解率50%。');
    // Due: X1–X6 (X4 due 10 July, still open); on time X1, X5, X6; days 29 + 30 + 21 + 8 = 88 over 4;
    // on 25 November X3 (180 days) and X4 (138 days) are overdue, both 通报.
    expect(actionsSentence(s)).toBe('全年交办事项6件，办结4件，按期办结率50%，平均22天办结，退回重办1件，批准延期1件；截至目前超期未办结2件，其中通报2件。');
    expect([roughly(834), roughly(830), roughly(99), roughly(1132)]).toEqual(['830余', '830', '99', '1130余']);
  });

  it('freezes an issued report: after the register changes, a reprint gives the same numbers and lists', () => {
    const { db } = tempDatabase();
    build(db);
    const q2 = periodOf('quarter', '2026-05-01');
    const id = issueReport(db, at(day('2026-07-05')), q2, statsSummary(db, q2, '2026-07-05', true));
    // Registered in November, first found on 20 April: the live count of 新增 in the quarter becomes 3.
    createRisk(db, at(day('2026-11-20')), { regionId: 1, domainId: 1, title: '庚（补录）', firstFound: '2026-04-20', likelihood: 2, impact: 2 });
    expect(statsSummary(db, q2, '2026-11-25', false).current.risks.entered.total).toBe(3);
    const frozen = statsSummary(db, q2, '2026-11-25', false, id);
    expect(frozen.current.risks.entered.total).toBe(2);
    expect(frozen.frozen?.reportId).toBe(id);
    expect(statsRecords(db, 'entered', q2, '2026-11-25', {}, 0, 50, id).rows.map((r) => r.title)).toEqual(['乙公司欠薪', '戊医疗纠纷']);
    const text = docText(buildStatsReport({ organ: '江城市信访局', summary: frozen, asOf: '2026-11-25' })).join('\n');
    expect(text).toContain('新增2件');
    expect(text).toContain('本报告数字于2026年7月5日印发时冻结');
  });
});
