// Column headers as real sheets write them (issue 11): full- and half-width brackets and punctuation,
// bracketed alternatives and units, spaces and line breaks inside the cell, and the usual synonyms.
// Each row is [header as written, the field it must map to]; written by hand, not by the code.
import { describe, expect, it } from 'vitest';
import { fieldForHeader, findHeaderRow, IMPORT_FIELD_KEYS, readColumns, type ImportField } from '../../shared/imports/headers.js';

const VARIANTS: Array<[string, ImportField | null]> = [
  ['编号', 'code'], ['编 号', 'code'], ['事项\n编号', 'code'], ['风险编号', 'code'], ['【编号】', 'code'], ['*编号', 'code'], ['隐患编号', 'code'],
  ['所属县（市、区）', 'region'], ['所属县(市、区)', 'region'], ['县（市、区）', 'region'], ['县(市,区)', 'region'], ['县（市，区）', 'region'], ['县／市／区', 'region'], ['所属县〔市、区〕', 'region'], ['所属县（市，区）', 'region'],
  ['县 区', 'region'], ['县\r\n区', 'region'], ['区县', 'region'], ['属地', 'region'], ['县市区', 'region'], ['所属地区', 'region'], ['所属\n县区', 'region'], ['县（区）', 'region'], ['所属区县', 'region'], ['辖区', 'region'],
  ['领域', 'domain'], ['所属领域', 'domain'], ['风险类别', 'domain'], ['问题类型', 'domain'], ['行业领域', 'domain'], ['领　域', 'domain'], ['类别（领域）', 'domain'], ['矛盾类型', 'domain'],
  ['细类', 'subCategory'], ['子类', 'subCategory'], ['小类', 'subCategory'], ['具体类别', 'subCategory'],
  ['事项名称', 'title'], ['风险事项名称', 'title'], ['风险隐患\n事项', 'title'], ['事项名称（标题）', 'title'], ['名 称', 'title'], ['风险隐患名称', 'title'],
  ['基本情况', 'summary'], ['基本情况\n（简要描述）', 'summary'], ['简要案情', 'summary'], ['情况简介', 'summary'], ['风险描述', 'summary'],
  ['来源', 'source'], ['线索来源', 'source'], ['信息\n来源', 'source'], ['来源渠道', 'source'],
  ['首次发现\n时间', 'firstFound'], ['首次发现日期', 'firstFound'], ['发现时间', 'firstFound'], ['排查日期', 'firstFound'], ['登记时间', 'firstFound'], ['首次发现时间（年月日）', 'firstFound'],
  ['涉及人数', 'involvedCount'], ['涉及人数（人）', 'involvedCount'], ['涉及人（户）数', 'involvedCount'], ['涉及群众人数', 'involvedCount'], ['人 数', 'involvedCount'],
  ['人数单位', 'involvedUnit'],
  ['涉及人数（原文）', 'involvedText'], ['涉及人数(原文)', 'involvedText'], ['人数原文', 'involvedText'],
  ['涉及金额\n（万元）', 'amountWan'], ['涉及金额(万元)', 'amountWan'], ['金额（万元）', 'amountWan'], ['涉案金额【万元】', 'amountWan'], ['涉及资金(万元)', 'amountWan'], ['涉及金额', 'amountWan'], ['涉及金额 （万元）', 'amountWan'],
  // In yuan or 亿元 the numbers would be read 10,000 times too large or too small: left for the person to map.
  ['涉及金额（元）', null], ['金额(亿元)', null],
  ['主要诉求', 'mainDemands'], ['诉求内容', 'mainDemands'], ['群众诉求', 'mainDemands'], ['主要诉求及理由', 'mainDemands'],
  ['舆情', 'opinionRisk'], ['舆情风险', 'opinionRisk'], ['网络舆情', 'opinionRisk'], ['舆情情况', 'opinionRisk'],
  ['极端倾向', 'extremeRisk'], ['有无极端倾向', 'extremeRisk'], ['是否有极端倾向', 'extremeRisk'], ['极端言行', 'extremeRisk'],
  ['可能性', 'likelihood'], ['可能性（1-5）', 'likelihood'], ['发生可能性', 'likelihood'], ['可能性\n(1～5分)', 'likelihood'],
  ['影响程度', 'impact'], ['影响程度（1-5）', 'impact'], ['危害程度', 'impact'],
  ['风险等级', 'level'], ['风险等级（红/橙/黄/蓝）', 'level'], ['预警级别', 'level'], ['风险级别', 'level'], ['等 级', 'level'],
  ['定级依据', 'levelBasis'], ['定级理由', 'levelBasis'], ['研判依据', 'levelBasis'],
  ['态势', 'trend'], ['发展态势', 'trend'], ['趋势', 'trend'], ['风险态势', 'trend'],
  ['稳控措施', 'controlMeasures'], ['稳控/化解措施', 'controlMeasures'], ['稳控、化解措施', 'controlMeasures'], ['稳控（化解）措施', 'controlMeasures'], ['管控措施', 'controlMeasures'],
  ['化解措施', 'resolutionMeasures'], ['化解方案', 'resolutionMeasures'],
  ['责任单位', 'units'], ['牵头单位', 'units'], ['责任单位（主办、协办）', 'units'], ['责任部门', 'units'],
  ['主办单位', 'leadUnit'], ['主责单位', 'leadUnit'], ['主办部门', 'leadUnit'],
  ['协办单位', 'coUnits'], ['配合单位', 'coUnits'], ['协办部门', 'coUnits'],
  ['责任人', 'responsiblePerson'], ['具体责任人', 'responsiblePerson'], ['联系人', 'responsiblePerson'],
  ['包案领导', 'packageLeader'], ['包案领导及职务', 'packageLeader'], ['包保领导', 'packageLeader'], ['包案领导（职务）', 'packageLeader'], ['包联领导', 'packageLeader'],
  ['包案领导职务', 'packageLeaderTitle'], ['领导职务', 'packageLeaderTitle'],
  ['专班', 'taskForce'], ['工作专班', 'taskForce'], ['化解专班', 'taskForce'],
  ['化解时限', 'deadline'], ['办结时限', 'deadline'], ['化解期限', 'deadline'], ['预计化解\n时间', 'deadline'],
  ['时限说明', 'deadlineNote'],
  ['进展情况', 'progress'], ['最新进展', 'progress'], ['工作进展\n情况', 'progress'], ['化解进展', 'progress'],
  ['状态', 'status'], ['当前状态', 'status'], ['化解状态', 'status'], ['状态（在控/化解中/已销号）', 'status'],
  // Not fields.
  ['序号', null], ['备注', null], ['', null], ['联系电话', null], ['（续）', null],
];

describe('header variants', () => {
  it('every field has variants in the table', () => {
    const covered = new Set(VARIANTS.map(([, f]) => f));
    expect(IMPORT_FIELD_KEYS.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('each header as written maps to its field', () => {
    const wrong = VARIANTS.filter(([h, f]) => fieldForHeader(h) !== f).map(([h, f]) => `${JSON.stringify(h)} → ${fieldForHeader(h)}, expected ${f}`);
    expect(wrong).toEqual([]);
  });

  it('a sheet from the wild whose county column is headed with full-width brackets is recognised, every column mapped', () => {
    const grid = [
      ['江城市风险隐患台账'],
      ['序号', '编  号', '所属县（市，区）', '领域\n类别', '事项名称', '涉及金额\n（万元）', '首次发现\n时间', '风险等级（红/橙/黄/蓝）'],
      [1, 'JC-2026-001', '临江区', '城乡建设', '滨江片区征收补偿争议', 120, '2026-03-05', '橙'],
    ];
    expect(findHeaderRow(grid)).toBe(1);
    expect(readColumns(grid, 1).map((c) => c.field)).toEqual([null, 'code', 'region', 'domain', 'title', 'amountWan', 'firstFound', 'level']);
  });
});
