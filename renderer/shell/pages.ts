// Each area's page code, its own chunk, loaded on first use. No React here: the start-up entry
// (boot.ts) starts loading the page in the address while the app's bundle still loads; areas.tsx
// wraps the same loaders for React (chunk.ts). The browser loads a module once, whoever asks first.
import { addressRoute, subpathOf, type AreaKey } from './areaAccess';

export const PAGE_CODE = {
  register: () => import('../register/RegisterPage').then((m) => m.RegisterPage),
  // With the part of the area in the address (a meeting, its runner, a heat map tab): the page never suspends on it.
  meetings: () => import('../meetings/MeetingsPage').then(async (m) => (await m.preloadFor(subpathOf(addressRoute())).catch(() => {}), m.MeetingsPage)),
  heatmap: () => import('../heatmap/HeatmapPage').then(async (m) => (await m.preloadFor(subpathOf(addressRoute())).catch(() => {}), m.HeatmapPage)),
  actions: () => import('../actions/ActionsPage').then((m) => m.ActionsPage),
  briefs: () => import('../briefs/BriefsPage').then((m) => m.BriefsPage),
  stats: () => import('../stats/StatsPage').then((m) => m.StatsPage),
  data: () => import('../imports/DataPage').then((m) => m.DataPage),
  settings: () => import('../settings/SettingsPage').then((m) => m.SettingsPage),
  accounts: () => import('../accounts/AccountsPage').then((m) => m.AccountsPage),
  security: () => import('../accounts/SecurityPage').then((m) => m.SecurityPage),
  audit: () => import('../audit/AuditPage').then((m) => m.AuditPage),
} satisfies Record<AreaKey, unknown>;
