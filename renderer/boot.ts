// The start-up entry (index.html loads it before main.tsx): a few kilobytes that run as soon as they
// arrive, not after React and antd are parsed and run. It starts loading the code of the page in the
// address, the session check and, with a session, the first screen's reads (shell/firstReads.ts), so
// all of it travels while the bundle starts instead of after it; main.tsx's login gate and pages take
// the answers. Nobody logged in: the login screen's code (its own chunk, login/screens.ts).
import { startFirstSession } from './login/auth';
import { addressRoute, areaKeyOf, isPrintRoute, type AreaKey } from './shell/areaAccess';
import { prefetchFirstReads } from './shell/firstReads';
import { PAGE_CODE } from './shell/pages';
import { loadLoginCode } from './login/loginCode';

if (!isPrintRoute()) {
  const route = addressRoute();
  const key = areaKeyOf(route);
  // Before anyone is known to be logged in: most tabs open on a page the account may see.
  if (key in PAGE_CODE) void PAGE_CODE[key as AreaKey]().catch(() => {});
  startFirstSession((account) => prefetchFirstReads(route, account?.role), () => void loadLoginCode().catch(() => {}));
}
