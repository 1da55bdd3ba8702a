// The app's areas (left menu). Each area owns a folder in renderer/, one line here (in the order of
// AREA_KEYS, areaAccess.ts, which also says who sees it) and, if its first page is prefetched, firstReads.ts.
// Each area's page is its own chunk (pages.ts), loaded when the area is first shown (boot.ts starts
// loading the area in the address at start-up, alongside the login round trips): the first bundle
// carries the shell and the login only, not 统计's charts or 研判会's drag and drop.
import type { ReactNode } from 'react';
import { AlertOutlined, AuditOutlined, BarChartOutlined, FileTextOutlined, FileSearchOutlined, HeatMapOutlined, SafetyOutlined, SettingOutlined, SwapOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '../../shared/roles';
import { chunk } from './chunk';
import { areaKeyFor, mayOpen, type AreaKey } from './areaAccess';
import { PAGE_CODE } from './pages';

const Register = chunk(PAGE_CODE.register);
const Meetings = chunk(PAGE_CODE.meetings);
const Heatmap = chunk(PAGE_CODE.heatmap);
const Actions = chunk(PAGE_CODE.actions);
const Briefs = chunk(PAGE_CODE.briefs);
const Stats = chunk(PAGE_CODE.stats);
const Data = chunk(PAGE_CODE.data);
const Settings = chunk(PAGE_CODE.settings);
const Accounts = chunk(PAGE_CODE.accounts);
const Security = chunk(PAGE_CODE.security);
const Audit = chunk(PAGE_CODE.audit);

export interface AreaProps {
  /** The part of the hash route after the area key, e.g. "12" for #/meetings/12. */
  subpath: string;
  /** Call after a change that affects app-wide info (counts, first run). */
  onChanged: () => void;
}

export interface Area {
  key: AreaKey;
  label: string;
  icon: ReactNode;
  /** Absent: the area is announced but not built yet. */
  page?: (props: AreaProps) => ReactNode;
  /** Loads the page's code (the shell waits for it before its first screen). */
  preload?: () => Promise<unknown>;
}

/** The areas a role sees, in menu order (who sees which: areaAccess.ts). */
export const areasFor = (role: Role): Area[] => AREAS.filter((a) => mayOpen(a.key, role));

export const AREAS: Area[] = [
  { key: 'register', label: '风险台账', icon: <TableOutlined />, page: (p) => <Register.Page onChanged={p.onChanged} />, preload: Register.preload },
  { key: 'meetings', label: '研判会', icon: <AuditOutlined />, page: (p) => <Meetings.Page subpath={p.subpath} />, preload: Meetings.preload },
  { key: 'heatmap', label: '热力图', icon: <HeatMapOutlined />, page: (p) => <Heatmap.Page subpath={p.subpath} onChanged={p.onChanged} />, preload: Heatmap.preload },
  { key: 'actions', label: '交办督办', icon: <AlertOutlined />, page: (p) => <Actions.Page key={p.subpath} subpath={p.subpath} />, preload: Actions.preload },
  { key: 'briefs', label: '简报', icon: <FileTextOutlined />, page: () => <Briefs.Page />, preload: Briefs.preload },
  { key: 'stats', label: '统计', icon: <BarChartOutlined />, page: () => <Stats.Page />, preload: Stats.preload },
  { key: 'data', label: '导入导出', icon: <SwapOutlined />, page: (p) => <Data.Page onChanged={p.onChanged} />, preload: Data.preload },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, page: (p) => <Settings.Page onChanged={p.onChanged} />, preload: Settings.preload },
  { key: 'accounts', label: '账号', icon: <TeamOutlined />, page: () => <Accounts.Page />, preload: Accounts.preload },
  { key: 'security', label: '安全策略', icon: <SafetyOutlined />, page: () => <Security.Page />, preload: Security.preload },
  { key: 'audit', label: '审计', icon: <FileSearchOutlined />, page: () => <Audit.Page />, preload: Audit.preload },
];

/** The area a role is shown for a route (areaAccess.ts decides). */
export const areaFor = (route: string, role: Role): Area => AREAS.find((a) => a.key === areaKeyFor(route, role))!;
