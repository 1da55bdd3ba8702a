// A component in its own chunk, loaded once: `preload` and React.lazy share the promise (a failed
// load is forgotten, so the next use tries again). Areas (shell/areas.tsx) and the parts of a page
// that are opened later (the register's drawer, form, import wizard) load through it.
import { lazy, type ComponentType } from 'react';

export function chunk<P>(load: () => Promise<ComponentType<P>>) {
  let p: Promise<ComponentType<P>> | null = null;
  const get = () => (p ??= load().catch((e: unknown) => {
    p = null;
    throw e;
  }));
  return { preload: get, Page: lazy(() => get().then((c) => ({ default: c }))) };
}
