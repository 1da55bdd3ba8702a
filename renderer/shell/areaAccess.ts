// Which areas a role sees (menu order) and which area an address shows. Plain data, without React or
// antd, so the start-up entry (boot.ts) can decide a page's first reads before the app's bundle runs;
// areas.tsx adds each area's menu entry and page.
import { REGISTER_EDITORS, REGISTER_READERS, type Role } from '../../shared/roles';

export const AREA_KEYS = ['register', 'meetings', 'heatmap', 'actions', 'briefs', 'stats', 'data', 'settings', 'accounts', 'security', 'audit'] as const;
export type AreaKey = (typeof AREA_KEYS)[number];

/** Who sees an area in the menu (the API refuses the rest anyway). */
const AREA_ROLES: Partial<Record<AreaKey, readonly Role[]>> = {
  data: ['研判员', '系统管理员'],
  settings: REGISTER_EDITORS,
  accounts: ['系统管理员'],
  security: ['安全管理员'],
  audit: ['审计管理员'],
};
export const mayOpen = (key: AreaKey, role: Role) => (AREA_ROLES[key] ?? REGISTER_READERS).includes(role);

/** The route in the address: #/heatmap/matrix → "heatmap/matrix". */
export const addressRoute = () => window.location.hash.replace(/^#\/?/, '');
/** The print route renders a bare document (no shell, no login round trips). */
export const isPrintRoute = () => window.location.hash.startsWith('#/print/');

/** The area key a route names (none: the register). */
export const areaKeyOf = (route: string) => route.split('?')[0].split('/')[0] || 'register';
/** The part of a route after the area key, without the query (#/meetings/12/run → "12/run"). */
export const subpathOf = (route: string) => route.split('?')[0].split('/').slice(1).join('/');

/** The area a role is shown for a route: the one it names, or the role's first when it may not see that one. */
export function areaKeyFor(route: string, role: Role): AreaKey {
  const named = AREA_KEYS.find((k) => k === areaKeyOf(route));
  return named && mayOpen(named, role) ? named : AREA_KEYS.find((k) => mayOpen(k, role))!;
}
