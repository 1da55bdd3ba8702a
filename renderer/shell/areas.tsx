// The app's areas (left menu). Each area owns a folder in renderer/, one line here (in the order of
// AREA_KEYS, areaAccess.ts, which also says who sees it) and, if its first page is prefetched, firstReads.ts.
// Each area's page is its own chunk, loaded when the area is first shown (the shell starts loading the
// area in the address at start-up, alongside the login round trips): the first bundle carries the
// shell and the login only, not 统计's charts or 研判会's drag and drop.
import type { ReactNode } from 'react';
import { AlertOutlined, AuditOutlined, BarChartOutlined, FileTextOutlined, FileSearchOutlined, HeatMapOutlined, SafetyOutlined, SettingOutlined, SwapOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '../../shared/roles';
import { chunk } from './chunk';
import { areaKeyFor, areaKeyOf, mayOpen, type AreaKey } from './areaAccess';

const Register = chunk(() => import('../register/RegisterPage').then((m) => m.RegisterPage));
const Meetings = chunk(() => import('../meetings/MeetingsPage').then((m) => m.MeetingsPage));
const Heatmap = chunk(() => import('../heatmap/HeatmapPage').then((m) => m.HeatmapPage));
const Actions = chunk(() => import('../actions/ActionsPage').then((m) => m.ActionsPage));
const Briefs = chunk(() => import('../briefs/BriefsPage').then((m) => m.BriefsPage));
const Stats = chunk(() => import('../stats/StatsPage').then((m) => m.StatsPage));
const Data = chunk(() => import('../imports/DataPage').then((m) => m.DataPage));
const Settings = chunk(() => import('../settings/SettingsPage').then((m) => m.SettingsPage));
const Accounts = chunk(() => import('../accounts/AccountsPage').then((m) => m.AccountsPage));
const Security = chunk(() => import('../accounts/SecurityPage').then((m) => m.SecurityPage));
const Audit = chunk(() => import('../audit/AuditPage').then((m) => m.AuditPage));

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
  /** Starts loading the page's code (the shell calls it for the area in the address at start-up). */
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

/** Starts loading the code of the area a route names, if any (before anyone is known to be logged in). */
export function preloadRoute(route: string): void {
  void AREAS.find((a) => a.key === areaKeyOf(route))?.preload?.().catch(() => {});
}
