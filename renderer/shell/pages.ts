// Each area's page code, its own chunk, loaded on first use. No React here: the start-up entry
// (boot.ts) starts loading the page in the address while the app's bundle still loads; areas.tsx
// wraps the same loaders for React (chunk.ts). The browser loads a module once, whoever asks first.
import { addressRoute, subpathOf, type AreaKey } from './areaAccess';

/**
 * `page` once its module has loaded the part of the area the address names (a meeting, its runner, a
 * heat map tab): the page never suspends on it.
 */
const withAddressedPart = <C>(m: { preloadFor: (subpath: string) => Promise<unknown> }, page: C): Promise<C> =>
  m.preloadFor(subpathOf(addressRoute())).catch(() => {}).then(() => page);

export const PAGE_CODE = {
  register: () => import('../register/RegisterPage').then((m) => m.RegisterPage),
  meetings: () => import('../meetings/MeetingsPage').then((m) => withAddressedPart(m, m.MeetingsPage)),
  heatmap: () => import('../heatmap/HeatmapPage').then((m) => withAddressedPart(m, m.HeatmapPage)),
  actions: () => import('../actions/ActionsPage').then((m) => m.ActionsPage),
  briefs: () => import('../briefs/BriefsPage').then((m) => m.BriefsPage),
  stats: () => import('../stats/StatsPage').then((m) => m.StatsPage),
  data: () => import('../imports/DataPage').then((m) => m.DataPage),
  settings: () => import('../settings/SettingsPage').then((m) => m.SettingsPage),
  accounts: () => import('../accounts/AccountsPage').then((m) => m.AccountsPage),
  security: () => import('../accounts/SecurityPage').then((m) => m.SecurityPage),
  audit: () => import('../audit/AuditPage').then((m) => m.AuditPage),
} satisfies Record<AreaKey, unknown>;
