// The app's areas (left menu). Each area owns a folder in renderer/ and one line here.
import type { ReactNode } from 'react';
import { AlertOutlined, AuditOutlined, BarChartOutlined, FileTextOutlined, FileSearchOutlined, HeatMapOutlined, SafetyOutlined, SettingOutlined, SwapOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import { RegisterPage } from '../register/RegisterPage';
import { SettingsPage } from '../settings/SettingsPage';
import { BriefsPage } from '../briefs/BriefsPage';
import { MeetingsPage } from '../meetings/MeetingsPage';
import { ActionsPage } from '../actions/ActionsPage';
import { HeatmapPage } from '../heatmap/HeatmapPage';
import { DataPage } from '../imports/DataPage';
import { StatsPage } from '../stats/StatsPage';
import { AccountsPage } from '../accounts/AccountsPage';
import { SecurityPage } from '../accounts/SecurityPage';
import { AuditPage } from '../audit/AuditPage';
import { REGISTER_EDITORS, REGISTER_READERS, type Role } from '../../shared/roles';

export interface AreaProps {
  /** The part of the hash route after the area key, e.g. "12" for #/meetings/12. */
  subpath: string;
  /** Call after a change that affects app-wide info (counts, first run). */
  onChanged: () => void;
}

export interface Area {
  key: string;
  label: string;
  icon: ReactNode;
  /** Absent: the area is announced but not built yet. */
  page?: (props: AreaProps) => ReactNode;
  /** Who sees it in the menu (default: the register's readers); the API refuses the rest anyway. */
  roles?: readonly Role[];
}

/** The areas a role sees, in menu order. */
export const areasFor = (role: Role): Area[] => AREAS.filter((a) => (a.roles ?? REGISTER_READERS).includes(role));

export const AREAS: Area[] = [
  { key: 'register', label: '风险台账', icon: <TableOutlined />, page: (p) => <RegisterPage onChanged={p.onChanged} /> },
  { key: 'meetings', label: '研判会', icon: <AuditOutlined />, page: (p) => <MeetingsPage subpath={p.subpath} /> },
  { key: 'heatmap', label: '热力图', icon: <HeatMapOutlined />, page: (p) => <HeatmapPage subpath={p.subpath} onChanged={p.onChanged} /> },
  { key: 'actions', label: '交办督办', icon: <AlertOutlined />, page: (p) => <ActionsPage key={p.subpath} subpath={p.subpath} /> },
  { key: 'briefs', label: '简报', icon: <FileTextOutlined />, page: () => <BriefsPage /> },
  { key: 'stats', label: '统计', icon: <BarChartOutlined />, page: () => <StatsPage /> },
  { key: 'data', label: '导入导出', icon: <SwapOutlined />, page: (p) => <DataPage onChanged={p.onChanged} />, roles: ['研判员', '系统管理员'] },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, page: (p) => <SettingsPage onChanged={p.onChanged} />, roles: REGISTER_EDITORS },
  { key: 'accounts', label: '账号', icon: <TeamOutlined />, page: () => <AccountsPage />, roles: ['系统管理员'] },
  { key: 'security', label: '安全策略', icon: <SafetyOutlined />, page: () => <SecurityPage />, roles: ['安全管理员'] },
  { key: 'audit', label: '审计', icon: <FileSearchOutlined />, page: () => <AuditPage />, roles: ['审计管理员'] },
];
