// Deterministic generator of a fictional 江城市 register, in the shapes of the real sheets
// (sample-register.csv): "约300" counts, "420户" households, "按季研判" deadlines, two units in one cell.
// Pure: the same seed and asOf always give the same rows, so tests can compute expectations from it.
import { addDays, yearOf, type IsoDate } from './dates.js';
import type { RiskFields } from './risks.js';
import type { RiskStatus } from './labels.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
}

function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const SURNAMES = '张李王赵陈刘孙周吴郑冯黄何罗高林梁宋唐许韩邓彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const ESTATES = ['锦绣华庭', '东城国际', '江畔明珠', '翡翠湾', '南湖一号', '金色家园', '滨江壹号', '书香门第', '阳光新城', '御景园', '山水华府', '龙湖花园', '幸福里', '星河湾', '丽景天成', '盛世名门'];
const COMPANIES = ['恒通建筑', '宏达劳务', '顺发建设', '鑫源实业', '华泰置业', '长青物业', '腾飞制衣', '众诚电子', '瑞丰食品', '安达物流'];
const FINANCE = ['某财富公司', '某投资咨询公司', '某养老机构', '某农民专业合作社', '某网络借贷平台', '某商贸公司'];
const LEADER_TITLES = ['副区长', '区长', '副县长', '常务副县长', '县长', '副市长', '街道书记', '镇长'];

interface Template {
  titles: (r: Rng, region: string) => string;
  demands: readonly string[];
  control: readonly string[];
  resolution: readonly string[];
  unit: (region: string) => string;
  countRange: [number, number];
  households: boolean;
  amount?: [number, number];
}

const county = (region: string) => (region.endsWith('县') ? '县' : '区');

const TEMPLATES: Record<string, Template> = {
  问题楼盘: {
    titles: (r) => `“${r.pick(ESTATES)}”${r.pick(['逾期交房', '办证难', '停工烂尾', '质量问题集中投诉', '延期交付违约金争议'])}`,
    demands: ['复工交房、违约金', '办理不动产权证', '维修整改、赔偿', '退房退款'],
    control: ['专班驻点，每周业主沟通会', '网格日走访', '业主代表定期座谈'],
    resolution: ['纳入保交楼', '补缴出让金后分批办证', '引入战略投资方盘活', '司法重整'],
    unit: (g) => `${g}住建局`,
    countRange: [60, 900],
    households: true,
  },
  劳动社保: {
    titles: (r) => r.pick([`${r.pick(COMPANIES)}公司欠薪${r.int(20, 400)}万元`, '原国企退养人员要求补缴养老保险', `${r.pick(COMPANIES)}公司停产职工安置`, '某工地农民工工资拖欠']),
    demands: ['足额支付', '补缴、提高待遇', '经济补偿', '清偿工资'],
    control: ['工资保证金先行垫付', '逐人包保', '劳动监察介入'],
    resolution: ['追偿总包', '政策答复，符合者补缴', '调解仲裁', '移送公安'],
    unit: (g) => `${county(g) === '县' ? '县' : '区'}人社局`,
    countRange: [5, 400],
    households: false,
    amount: [20, 800],
  },
  集资融资: {
    titles: (r) => `${r.pick(FINANCE)}${r.pick(['私募逾期兑付', '会员卡无法兑付', '非法吸收公众存款', '理财产品爆雷'])}${r.int(1, 40) * 100}万元`,
    demands: ['返还本金', '退费', '追赃挽损'],
    control: ['分类接待，舆情监测', '登记核债', '稳控重点人员'],
    resolution: ['立案侦查，追赃挽损', '资产清查处置', '清退方案公示'],
    unit: () => '市公安局经侦支队、市金融局',
    countRange: [80, 3000],
    households: false,
    amount: [300, 40000],
  },
  灾后重建: {
    titles: (r) => r.pick(['洪灾受损房屋重建补助发放慢', '地质灾害搬迁安置争议', '灾毁农田复垦补偿', '重建安置房分配争议']),
    demands: ['发放第二批补助', '提高补偿标准', '尽快安置'],
    control: ['包村干部每周入户'],
    resolution: ['联合核查拨付', '公开分配方案'],
    unit: () => '县住建局',
    countRange: [20, 300],
    households: true,
  },
  城乡建设: {
    titles: (r) => r.pick(['滨江片区棚改征收补偿争议', '垃圾焚烧项目选址反对', '道路拓宽征地补偿', '旧村改造回迁延期', '变电站选址反对']),
    demands: ['按新标准补偿、增加安置面积', '项目迁址', '尽快回迁'],
    control: ['网格日走访', '稳评、听证、舆情监测'],
    resolution: ['逐户复核评估', '生态补偿', '优化方案'],
    unit: (g) => `${g}征收办`,
    countRange: [30, 2000],
    households: true,
  },
  涉法涉诉: {
    titles: (r) => `${r.pick(SURNAMES)}某${r.pick(['不服判决反复申诉', '执行难长期信访', '交通事故赔偿纠纷'])}`,
    demands: ['重新审理', '强制执行', '赔偿到位'],
    control: ['属地包保', '释法明理'],
    resolution: ['导入法律程序', '司法救助'],
    unit: () => '市中级人民法院',
    countRange: [1, 6],
    households: false,
  },
  异常重复投信: {
    titles: (r) => `${r.pick(SURNAMES)}某反复投信${r.pick(['宅基地确权', '退休待遇', '土地承包'])}（已终结）`,
    demands: ['重新确权', '提高待遇'],
    control: ['属地包保、释法明理'],
    resolution: ['困难救助', '教育疏导'],
    unit: (g) => `${g}××街道`,
    countRange: [1, 3],
    households: false,
  },
  教育医疗: {
    titles: (r) => r.pick(['民办学校停办学费退还', '医疗纠纷家属聚集', '代课教师待遇诉求', '幼儿园收费争议']),
    demands: ['退还学费', '赔偿', '落实待遇'],
    control: ['联合接待', '家属疏导'],
    resolution: ['协调退费', '医疗鉴定', '政策解释'],
    unit: () => '市教育局',
    countRange: [10, 400],
    households: false,
  },
  退役军人: {
    titles: (r) => r.pick(['部分退役士兵要求安置', '参战参试人员待遇诉求', '企业军转干部解困']),
    demands: ['安置就业', '提高待遇'],
    control: ['逐人建档', '定期走访'],
    resolution: ['政策落实', '帮扶解困'],
    unit: () => '市退役军人事务局',
    countRange: [10, 300],
    households: false,
  },
  生态环境: {
    titles: (r) => r.pick(['化工园区异味扰民', '养殖场污染投诉', '采石场噪声粉尘', '河道污染影响灌溉']),
    demands: ['停产整改', '搬迁', '赔偿损失'],
    control: ['每日监测', '舆情监测'],
    resolution: ['限期整改', '关停搬迁', '生态补偿'],
    unit: () => '市生态环境局',
    countRange: [20, 1500],
    households: true,
  },
  其他: {
    titles: (r) => r.pick(['出租车司机群体诉求', '市场搬迁商户补偿', '网约车平台纠纷']),
    demands: ['降低份子钱', '合理补偿'],
    control: ['行业协会座谈'],
    resolution: ['政策调整'],
    unit: () => '市交通运输局',
    countRange: [20, 600],
    households: false,
  },
};

const SOURCES = ['日排查', '来信', '来访', '网上信访', '12345', '上级交办', '舆情'] as const;
const STATUS_WEIGHTS: Array<[RiskStatus, number]> = [
  ['化解中', 40], ['在控', 18], ['待研判', 12], ['稳控', 10], ['申请销号', 5], ['已销号', 10], ['转司法终结', 3], ['反弹', 2],
];

function weighted<T>(r: Rng, xs: Array<[T, number]>): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return xs[xs.length - 1][0];
}

/** The matrix band used for demo levels (the grading engine owns the real rules). */
function bandOf(score: number): 1 | 2 | 3 | 4 {
  return score >= 15 ? 1 : score >= 10 ? 2 : score >= 5 ? 3 : 4;
}

export interface DemoOptions {
  count: number;
  seed: number;
  asOf: IsoDate;
  prefix: string;
  domains: Array<{ id: number; name: string }>;
  regions: Array<{ id: number; name: string }>;
}

/** Returns complete risks (code included), oldest first. */
export function generateDemoRisks(o: DemoOptions): Array<RiskFields & { code: string }> {
  const r = rng(o.seed);
  const seqByYear = new Map<number, number>();
  const out: Array<RiskFields & { code: string }> = [];
  // First-found dates spread over the two years before asOf, in order, so codes rise with time.
  const dates = Array.from({ length: o.count }, () => addDays(o.asOf, -r.int(0, 730))).sort();
  for (let i = 0; i < o.count; i++) {
    const domain = r.pick(o.domains);
    const region = r.pick(o.regions);
    const t = TEMPLATES[domain.name] ?? TEMPLATES['其他'];
    const firstFound = dates[i];
    const year = yearOf(firstFound);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const count = r.int(t.countRange[0], t.countRange[1]);
    const households = t.households && r.chance(0.5);
    const approx = count >= 50 && r.chance(0.6);
    const involvedText = households ? `${count}户` : approx ? r.pick([`约${count}`, `${count}余人`, `约${count}人`]) : String(count);
    const likelihood = r.int(1, 5);
    const impact = r.int(1, 5);
    const quarterly = r.chance(0.08);
    const surname = r.pick(SURNAMES);
    const title = t.titles(r, region.name);
    const coUnit = r.chance(0.3) ? [r.pick(['属地街道', '市信访局', '公安分局', '市场监管局'])] : [];
    out.push({
      code: `${o.prefix}-${year}-${String(seq).padStart(3, '0')}`,
      regionId: region.id,
      domainId: domain.id,
      subCategory: '',
      title,
      summary: `${region.name}${title}，涉及${involvedText}${households ? '' : /人$/.test(involvedText) ? '' : '人'}。群众主要诉求为${r.pick(t.demands)}。`,
      source: r.pick(SOURCES),
      firstFound,
      involvedCount: count,
      involvedUnit: households ? '户' : '人',
      involvedText,
      amountWan: t.amount ? r.int(t.amount[0], t.amount[1]) : null,
      mainDemands: r.pick(t.demands),
      opinionRisk: r.chance(0.08) ? '发酵' : r.chance(0.15) ? '苗头' : '无',
      extremeRisk: r.chance(0.03),
      likelihood,
      impact,
      level: bandOf(likelihood * impact),
      levelBasis: `可能性${likelihood} × 影响程度${impact} = ${likelihood * impact}`,
      trend: r.pick(['升温', '平稳', '平稳', '降温'] as const),
      controlMeasures: r.pick(t.control),
      resolutionMeasures: r.pick(t.resolution),
      leadUnit: t.unit(region.name),
      coUnits: coUnit,
      responsiblePerson: `${r.pick(SURNAMES)}×`,
      packageLeader: `${surname}×`,
      packageLeaderTitle: r.pick(LEADER_TITLES),
      taskForce: r.chance(0.3) ? `${title.slice(0, 6)}工作专班` : '',
      deadline: quarterly ? null : addDays(firstFound, r.int(30, 400)),
      deadlineNote: quarterly ? '按季研判' : '',
      progress: r.pick(['已召开协调会', '复核进行中', '已拨付部分资金', '稳评进行中', '本月投信下降', '登记完成', '政策答复完成']),
      status: weighted(r, STATUS_WEIGHTS),
    });
  }
  return out;
}
