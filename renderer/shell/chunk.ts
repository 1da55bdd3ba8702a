// A component in its own chunk, loaded once: `preload` and the page share the promise (a failed
// load is forgotten, so the next use tries again). Areas (shell/areas.tsx) and the parts of a page
// that are opened later (the register's drawer, form, import wizard) load through it. Once loaded,
// the page renders the component directly: React.lazy would suspend once more even then, show its
// fallback, and hold the page back (React reveals content at most every 300 ms after a fallback).
import { createElement, lazy, useEffect, useState, type ComponentType } from 'react';

export function chunk<P extends object>(load: () => Promise<ComponentType<P>>) {
  let p: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  const get = () => (p ??= load().then(
    (c) => (loaded = c),
    (e: unknown) => {
      p = null;
      throw e;
    },
  ));
  const Lazy = lazy(() => get().then((c) => ({ default: c })));
  // Chosen once per mounted page: switching type later would remount it and lose what was typed.
  function Page(props: P) {
    const [type] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return createElement(type, props);
  }
  return { preload: get, Page };
}

/** True from the first time `on` is true: a part loaded on first use stays mounted from then on (a closing drawer still animates). */
export function useOnceOn(on: boolean): boolean {
  const [seen, setSeen] = useState(on);
  if (on && !seen) setSeen(true);
  return seen || on;
}

/**
 * Loads `parts` (module-level chunks) when the browser is idle once `on` is true, at most `timeoutMs`
 * later: opened later by the user, they do not compete with the screen just shown.
 */
export function useLoadWhenIdle(on: boolean, parts: ReadonlyArray<{ preload: () => Promise<unknown> }>, timeoutMs: number): void {
  useEffect(() => {
    if (!on) return;
    const idle = requestIdleCallback(() => void Promise.all(parts.map((p) => p.preload())).catch(() => {}), { timeout: timeoutMs });
    return () => cancelIdleCallback(idle);
  }, [on, parts, timeoutMs]);
}
