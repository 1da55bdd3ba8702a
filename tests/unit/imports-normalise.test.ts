// The cell normalisers and header detection, on the forms real sheets contain.
import { describe, expect, it } from 'vitest';
import { excelSerialToDate, matchListItem, parseAmountWan, parseCount, parseDateCell, splitLeader, splitUnits, toHalfWidth } from '../../shared/imports/normalise.js';
import { applyMapping, colLetter, fieldForHeader, findHeaderRow, letterToCol, readColumns } from '../../shared/imports/headers.js';
import { backupsToKeep, backupFileName, parseBackupFileName } from '../../shared/backups.js';

const domains = ['问题楼盘', '劳动社保', '集资融资', '城乡建设', '其他'].map((name, i) => ({ id: i + 1, name }));
const regions = ['城关区', '临江区', '东山县'].map((name, i) => ({ id: i + 1, name }));

describe('counts', () => {
  it.each([
    ['约300', 300, '人', '约300'],
    ['420户', 420, '户', '420户'],
    ['300余人', 300, '人', '300余人'],
    ['３００人', 300, '人', '３００人'],
    ['近1.2万人', 12000, '人', '近1.2万人'],
    ['三十余户', 30, '户', '三十余户'],
    ['48', 48, '人', ''],
    ['12家', 12, '家', '12家'],
  ])('%s → %i %s', (text, count, unit, original) => {
    const r = parseCount(text);
    expect(r).toEqual({ ok: true, value: { count, unit, text: original } });
  });
  it('a number cell is a count; text without any number is refused with a hint', () => {
    expect(parseCount(75)).toEqual({ ok: true, value: { count: 75, unit: '人', text: '' } });
    const bad = parseCount('若干');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/找不到人数/);
  });
  it('amounts in 万元', () => {
    expect(parseAmountWan('3.6亿元')).toEqual({ ok: true, value: 36000 });
    expect(parseAmountWan('186万元')).toEqual({ ok: true, value: 186 });
    expect(parseAmountWan(1100)).toEqual({ ok: true, value: 1100 });
  });
});

describe('dates', () => {
  it.each([
    ['2024.3.5', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['２０２４年３月５日', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['45356', '2024-03-05'],
  ])('%s → %s', (text, date) => {
    expect(parseDateCell(text)).toEqual({ ok: true, value: { date, note: '' } });
  });
  it('Excel serials (1900 system) and date cells', () => {
    // 45356 days after 1899-12-30 is 2024-03-05 (computed independently with Date arithmetic).
    expect(excelSerialToDate(45356)).toBe(new Date(Date.UTC(1899, 11, 30 + 45356)).toISOString().slice(0, 10));
    expect(parseDateCell(45356)).toEqual({ ok: true, value: { date: '2024-03-05', note: '' } });
    expect(parseDateCell({ date: '2024-06-30' })).toEqual({ ok: true, value: { date: '2024-06-30', note: '' } });
  });
  it('"按季研判" is kept as a note with a warning; month forms take the last day; impossible dates are refused', () => {
    const q = parseDateCell('按季研判');
    expect(q).toMatchObject({ ok: true, value: { date: null, note: '按季研判' } });
    expect(q.ok && q.warning).toMatch(/时限说明/);
    expect(parseDateCell('2024年6月底')).toMatchObject({ ok: true, value: { date: '2024-06-30' } });
    expect(parseDateCell('2024年2月')).toMatchObject({ ok: true, value: { date: '2024-02-29' } });
    expect(parseDateCell('2023.2.30').ok).toBe(false);
  });
});

describe('lists, units and leaders', () => {
  it('matches names, tolerates suffixes, suggests near misses', () => {
    expect(matchListItem('临江区', regions, '县区')).toEqual({ ok: true, value: regions[1] });
    expect(matchListItem('临江', regions, '县区')).toMatchObject({ ok: true, value: regions[1] });
    const near = matchListItem('劳动保障', domains, '领域');
    expect(near.ok).toBe(false);
    expect(!near.ok && near.message).toBe('「劳动保障」不在领域列表中，您是否指「劳动社保」？');
    const far = matchListItem('外星来客', domains, '领域');
    expect(!far.ok && far.message).toMatch(/可选：问题楼盘、劳动社保/);
  });
  it('splits several units on 、，,', () => {
    expect(splitUnits('市公安局经侦支队、市金融局')).toEqual({ lead: '市公安局经侦支队', co: ['市金融局'] });
    expect(splitUnits('南湖区民政局，公安分局,街道办')).toEqual({ lead: '南湖区民政局', co: ['公安分局', '街道办'] });
    expect(splitUnits('')).toEqual({ lead: '', co: [] });
  });
  it('splits a leader into title and name', () => {
    expect(splitLeader('副区长张×')).toEqual({ title: '副区长', name: '张×' });
    expect(splitLeader('常务副县长李×')).toEqual({ title: '常务副县长', name: '李×' });
    expect(splitLeader('街道书记周×')).toEqual({ title: '街道书记', name: '周×' });
    expect(splitLeader('王五')).toEqual({ title: '', name: '王五' });
  });
  it('folds full-width characters', () => {
    expect(toHalfWidth('ＪＣ－２０２４')).toBe('JC-2024');
  });
});

describe('headers', () => {
  it('recognises header variants', () => {
    expect(fieldForHeader('事项名称')).toBe('title');
    expect(fieldForHeader('县（市、区）')).toBe('region');
    expect(fieldForHeader('涉及金额（万元）')).toBe('amountWan');
    expect(fieldForHeader('稳控/化解措施')).toBe('controlMeasures');
    expect(fieldForHeader('责任单位')).toBe('units');
    expect(fieldForHeader('备注')).toBe(null);
  });
  it('finds the header below a title row, and the sub-header row of a two-row header', () => {
    const grid = [
      ['江城市风险隐患台账', '江城市风险隐患台账', '江城市风险隐患台账', '江城市风险隐患台账', '江城市风险隐患台账'],
      ['填报单位：市信访局', null, null, null, '2024年3月'],
      ['编号', '事项名称', '所属县区', '责任落实', '责任落实'],
      ['编号', '事项名称', '所属县区', '责任单位', '包案领导'],
      ['JC-2024-001', '某事项', '城关区', '某局', '副区长张×'],
    ];
    expect(findHeaderRow(grid)).toBe(3);
    expect(readColumns(grid, 3).map((c) => c.field)).toEqual(['code', 'title', 'region', 'units', 'packageLeader']);
    expect(findHeaderRow([['a', 'b'], ['1', '2']])).toBe(null);
  });
  it('applies a user mapping by letter or header and reports unknown targets', () => {
    const cols = readColumns([['编号', '名称', '备注']], 0);
    const r = applyMapping(cols, { C: '进展情况', 名称: 'title', D: 'x', 编号: '不存在的字段' });
    expect(r.columns.map((c) => c.field)).toEqual(['code', 'title', 'progress']);
    expect(r.errors).toHaveLength(2);
  });
  it('column letters', () => {
    for (const i of [0, 25, 26, 51, 701, 702]) expect(letterToCol(colLetter(i))).toBe(i);
    expect(colLetter(27)).toBe('AB');
  });
});

describe('backup rotation rule', () => {
  it('keeps the newest 10 plus the newest of each of 8 weeks', () => {
    const now = '2026-11-25T00:00:00.000Z';
    // One backup a day for 90 days, newest first.
    const entries = Array.from({ length: 90 }, (_, i) => {
      const at = new Date(Date.parse(now) - i * 86_400_000 - 3_600_000).toISOString();
      return { name: backupFileName(at, 'start'), at, reason: 'start', size: 1 };
    });
    const keep = backupsToKeep(entries, now);
    // Independently: days 0–9, plus per week w (days 7w..7w+6) the newest = day 7w, for w < 8.
    const expected = new Set([...Array.from({ length: 10 }, (_, d) => d), ...Array.from({ length: 8 }, (_, w) => 7 * w)].map((d) => entries[d].name));
    expect([...keep].sort()).toEqual([...expected].sort());
    expect(keep.size).toBe(10 + 6); // weeks 0 and 1 fall inside the newest 10
  });
  it('file names round-trip', () => {
    const at = '2026-11-25T09:30:00.123Z';
    expect(parseBackupFileName(backupFileName(at, 'import'))).toEqual({ at, reason: 'import', register: 'yanpan' });
    expect(parseBackupFileName(backupFileName(at, 'start', '二号-台账'))).toEqual({ at, reason: 'start', register: '二号-台账' });
  });
});
