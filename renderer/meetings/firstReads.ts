// 研判会's first read: #/meetings opens on 我的周一 (MondayDashboard), asked for at start-up with the
// session (shell/firstReads.ts) and taken by its first render (useFirstRead).
import { prefetch } from '../api';

export function prefetchMeetings(subpath: string): Promise<unknown> {
  return subpath === '' ? prefetch('dashboard.monday', {}) : Promise.resolve();
}
