// 样张: fixture inputs for the meeting documents (used by the print preview before a meeting
// exists, and by the tests), plus the 版心校准页 — a page of full 28-character lines whose page
// count follows from its line count, for checking a printer (and our layout) against GB/T 9704.
import { buildAgenda, buildAssignmentSheets, buildMinutes, buildSupervision, type AgendaInput, type AssignmentSheetsInput, type MinutesInput, type SupervisionInput } from './meeting.js';
import type { Doc } from './model.js';

const ORGAN = '江城市信访局';

export const SAMPLE_MINUTES: MinutesInput = {
  organ: ORGAN,
  minutesNo: 47,
  year: 2026,
  draft: false,
  text: [
    '2026年第47次风险研判会纪要',
    '',
    '2026年11月23日，局长王建国在局三楼会议室主持召开风险研判会，研判本周全市涉稳风险隐患，部署元旦前稳控化解工作。现纪要如下：',
    '出席：王建国、李明华、张卫东、陈晓燕、刘志强',
    '请假：赵国平（出差）',
    '列席：市住建局周海涛、市人社局孙丽',
    '',
    '一、研判事项',
    '1. JC-2026-031 城关区锦绣华庭逾期交房。研判等级：重大。该事项涉及购房户420户，近期有到市集访苗头，维持重大等级。对策建议：本周内约谈开发企业，制定分期交房方案并向购房户公开。',
    '2. JC-2026-052 临江区某建筑公司欠薪。研判等级：较大（调级理由：已落实工资专户）。市人社局督促总包单位于12月15日前足额支付农民工工资，临江区做好春节前稳控。',
    '',
    '二、交办事项',
    '1. 约谈锦绣华庭开发企业并公开分期交房方案。由城关区人民政府牵头，市住建局配合，2026年11月30日前办结。（JB-2026-0312）',
    '2. 督促总包单位足额支付农民工工资。由市人社局牵头，临江区人民政府配合，2026年12月15日前办结。（JB-2026-0313）',
  ].join('\n'),
  issueDate: '2026-11-24',
  cc: '市委政法委，市维稳办。',
};

export const SAMPLE_ASSIGNMENTS: AssignmentSheetsInput = {
  organ: ORGAN,
  meetingTitle: '2026年第47次风险研判会',
  issuedAt: '2026-11-24',
  units: [
    {
      leadUnit: '城关区人民政府',
      contact: '刘洋 0710-3210001',
      items: [
        { code: 'JB-2026-0312', riskCodes: ['JC-2026-031'], content: '约谈锦绣华庭开发企业并公开分期交房方案', coUnits: ['市住建局'], leadLeader: '副区长陈刚', issuedAt: '2026-11-24', dueAt: '2026-11-30', feedbackCycle: '每日' },
        { code: 'JB-2026-0315', riskCodes: ['JC-2026-044'], content: '对老城改造片区征收补偿争议逐户走访', coUnits: [], leadLeader: '副区长陈刚', issuedAt: '2026-11-24', dueAt: '2026-12-20', feedbackCycle: '每周' },
      ],
    },
    {
      leadUnit: '市人社局',
      contact: '孙丽 0710-3220002',
      items: [{ code: 'JB-2026-0313', riskCodes: ['JC-2026-052'], content: '督促总包单位足额支付农民工工资', coUnits: ['临江区人民政府'], leadLeader: '副局长黄涛', issuedAt: '2026-11-24', dueAt: '2026-12-15', feedbackCycle: '每周' }],
    },
  ],
};

export const SAMPLE_SUPERVISION: SupervisionInput = {
  organ: ORGAN,
  asOf: '2026-11-25',
  sheetNo: '督办〔2026〕19号',
  items: [
    { code: 'JB-2026-0201', content: '化解东山县某集资平台兑付矛盾', leadUnit: '东山县人民政府', dueAt: '2026-10-20', overdueDays: 36, level: '通报', lastFeedback: '11月10日：已登记债权人1200名' },
    { code: 'JB-2026-0255', content: '完成南湖区安置房质量鉴定', leadUnit: '市住建局', dueAt: '2026-11-05', overdueDays: 20, level: '挂牌督办' },
    { code: 'JB-2026-0288', content: '答复高新区业主维权诉求', leadUnit: '高新区管委会', dueAt: '2026-11-15', overdueDays: 10, level: '督办单' },
  ],
};

export const SAMPLE_AGENDA: AgendaInput = {
  organ: ORGAN,
  year: 2026,
  sessionNo: 47,
  meetingDate: '2026-11-23',
  time: '9:00',
  place: '局三楼会议室',
  chair: '王建国',
  attendees: '局领导班子成员，各科室负责人，市住建局、市人社局有关负责同志',
  items: [
    { title: '通报上周交办事项办理情况', presenter: '督查科', minutes: 10 },
    { title: '研判重大风险隐患', presenter: '研判科', minutes: 30, riskCodes: ['JC-2026-031', 'JC-2026-052'] },
    { title: '研判新排查风险隐患', presenter: '研判科', minutes: 20 },
    { title: '部署元旦前稳控工作', presenter: '王建国', minutes: 15 },
  ],
};

/** One full line of body text: exactly 28 characters (GB/T 9704 line length). */
export function calibrationLine(n: number): string {
  // Full-width digits, so every one of the 28 characters is one em wide.
  const head = `第${String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}行`;
  const fill = '版心校准每行二十八字每页二十二行仿宋三号字';
  let s = head;
  while ([...s].length < 28) s += fill[([...s].length - head.length) % fill.length];
  return s;
}

/** 版心校准页: a title page break, then `pages` pages of exactly 22 full lines each. */
export function buildCalibration(pages: number): Doc {
  const blocks: Doc['blocks'] = [{ t: 'p', indent: false, text: '本页之后每页22行、每行28字，用于核对打印机与版心。' }, { t: 'pagebreak' }];
  for (let i = 1; i <= pages * 22; i++) blocks.push({ t: 'p', indent: false, text: calibrationLine(i) });
  return { kind: 'register', orientation: 'portrait', title: '版心校准页', blocks };
}

export const SAMPLE_NAMES = ['minutes', 'assignment', 'supervision', 'agenda', 'calibration'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

export function sampleDoc(name: SampleName, pages = 2): Doc {
  switch (name) {
    case 'minutes':
      return buildMinutes(SAMPLE_MINUTES);
    case 'assignment':
      return buildAssignmentSheets(SAMPLE_ASSIGNMENTS);
    case 'supervision':
      return buildSupervision(SAMPLE_SUPERVISION);
    case 'agenda':
      return buildAgenda(SAMPLE_AGENDA);
    case 'calibration':
      return buildCalibration(pages);
  }
}
