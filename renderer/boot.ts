// The start-up entry (index.html loads it before main.tsx): a few kilobytes that run as soon as they
// arrive, not after React and antd are parsed and run. It starts the session check and, with a
// session, the first screen's reads (shell/firstReads.ts), so their round trips overlap the bundle's
// start instead of following it; main.tsx's login gate and pages take the answers.
import { startFirstSession } from './login/auth';
import { addressRoute, isPrintRoute } from './shell/areaAccess';
import { prefetchFirstReads } from './shell/firstReads';

if (!isPrintRoute()) {
  const route = addressRoute();
  startFirstSession((account) => prefetchFirstReads(route, account?.role));
}
