// The login gate around the app: set-up on first run, login, forced password change, and the idle
// lock. While locked the app stays mounted but hidden (typed text survives for the same account);
// another account remounts it, so nothing of the previous account's work reaches them.
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Spin } from 'antd';
import { api, dropAllPrefetched, whenLoggedOut } from '../api';
import type { SessionInfo } from '../../shared/accounts';
import { authCall, takeFirstSession, type SignedIn } from './auth';
import { LoginScreen, PasswordScreen } from './screens';
import { SessionContext } from './session';
import { useLoadWhenIdle } from '../shell/chunk';
import type { RegisterPlace } from '../../shared/settings';

// Shown once, on a register without accounts: loaded then (it brings the settings' schemas, zod).
const SetupPage = lazy(() => import('./SetupPage').then((m) => ({ default: m.SetupPage })));

const SCREENS = [LoginScreen, PasswordScreen];
const opening = <Spin size="large" fullscreen tip="正在打开…" />;

type Phase = 'loading' | 'out' | 'setup' | 'recovery' | 'in';
const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
/** The host's session is kept alive by the page's activity at most this often. */
const PING_MS = 60_000;

export function AuthGate({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const [locked, setLocked] = useState(false);
  const [changing, setChanging] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [place, setPlace] = useState<RegisterPlace | undefined>(undefined);
  const who = useRef<string | null>(null);

  const enter = useCallback(async (account: SignedIn | null) => {
    const me = await api('session.me', {});
    if (me.mustChange) await PasswordScreen.preload().catch(() => {});
    // Another account than the one that locked: the app starts fresh.
    if (who.current !== null && account && account.name !== who.current) setGeneration((g) => g + 1);
    who.current = me.account.name;
    setInfo(me);
    setLocked(false);
    setPhase('in');
  }, []);

  useEffect(() => {
    void takeFirstSession().then(
      (s) => {
        if (s.state === 'in') return enter(s.account);
        setPlace(s.register);
        // Shown once its code is here: a screen that suspends would be held back by React's fallback throttle.
        return (s.state === 'out' ? LoginScreen.preload().catch(() => {}) : Promise.resolve()).then(() => setPhase(s.state));
      },
      () => void LoginScreen.preload().catch(() => {}).then(() => setPhase('out')),
    );
  }, [enter]);
  // Logged in: both screens are loaded when the browser is idle, for the lock, a logout or a password change.
  useLoadWhenIdle(phase === 'in', SCREENS, 5_000);

  const lock = useCallback(() => {
    setLocked(true);
    void authCall('lock').catch(() => {});
  }, []);
  const logout = useCallback(() => {
    who.current = null;
    setGeneration((g) => g + 1);
    setInfo(null);
    setPhase('out');
    void authCall('logout').catch(() => {});
  }, []);

  useEffect(() => whenLoggedOut(() => setLocked(true)), []);
  // A forced password change comes before the first screen (its reads were prefetched: see api.ts).
  useEffect(() => {
    if (info?.mustChange) dropAllPrefetched();
  }, [info]);

  // Idle lock and Ctrl+L; activity keeps the host's session alive.
  useEffect(() => {
    if (phase !== 'in' || locked || !info) return;
    let last = Date.now();
    let pinged = last;
    const onActivity = () => {
      last = Date.now();
      if (last - pinged > PING_MS) {
        pinged = last;
        void authCall('session').then((s) => s.state !== 'in' && setLocked(true), () => {});
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock();
      }
    };
    ACTIVITY.forEach((t) => window.addEventListener(t, onActivity, { passive: true }));
    window.addEventListener('keydown', onKey);
    const timer = window.setInterval(() => Date.now() - last >= info.policy.idleMinutes * 60_000 && lock(), 5_000);
    return () => {
      ACTIVITY.forEach((t) => window.removeEventListener(t, onActivity));
      window.removeEventListener('keydown', onKey);
      window.clearInterval(timer);
    };
  }, [phase, locked, info, lock]);

  if (phase === 'loading') return opening;
  if (phase === 'recovery') return <>{children}</>;
  if (phase === 'setup') return <Suspense fallback={opening}><SetupPage place={place} onIn={(a) => void enter(a)} /></Suspense>;
  if (phase === 'out' || !info) return <Suspense fallback={opening}><LoginScreen.Page onIn={(a) => void enter(a)} /></Suspense>;
  if (info.mustChange) return <Suspense fallback={opening}><PasswordScreen.Page policy={info.policy} forced onDone={() => void enter(null)} /></Suspense>;
  return (
    <SessionContext.Provider value={{ info, lock, logout, changePassword: () => setChanging(true) }}>
      {/* Hidden, not unmounted: the same account returns to its unsaved text. */}
      <div key={generation} style={locked ? { display: 'none' } : undefined} aria-hidden={locked}>
        {children}
      </div>
      <Suspense fallback={null}>
        {locked && <LoginScreen.Page locked onIn={(a) => void enter(a)} />}
        {changing && !locked && <PasswordScreen.Page policy={info.policy} forced={false} onDone={() => (setChanging(false), void enter(null))} onCancel={() => setChanging(false)} />}
      </Suspense>
    </SessionContext.Provider>
  );
}
