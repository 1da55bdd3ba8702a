import { App } from 'antd';
import { use, useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError, dropPrefetched, prefetchedValue, prefetchWaiting } from '../api';
import type { MethodInput, MethodOutput, PublicMethodName } from '../../shared/contract/index';

/** Shows an API error to the user in Chinese; returns undefined so callers can stop. */
export function useErrorReporter() {
  const { message } = App.useApp();
  return useCallback(
    (e: unknown) => {
      const text = e instanceof ApiCallError ? e.message : '操作没有完成：' + String((e as Error)?.message ?? e);
      message.error({ content: text, duration: 6 });
    },
    [message],
  );
}

/**
 * Loads where only the newest answer counts: after several writes in a row their reloads overlap,
 * and a slow older answer must not overwrite a newer one (it showed a count from before the last write).
 */
export function useLatestLoad() {
  const seq = useRef(0);
  return useCallback(<T,>(p: Promise<T>, apply: (v: T) => void, fail: (e: unknown) => void) => {
    const mine = ++seq.current;
    p.then(
      (v) => mine === seq.current && apply(v),
      (e) => mine === seq.current && fail(e),
    );
  }, []);
}

export interface FirstRead<T> {
  /** The answer the first render starts with; undefined when nothing was prefetched or it failed. */
  value: T | undefined;
  /** True once, when `value` was there: the page's first load is then not needed. */
  skipLoad: () => boolean;
}

/**
 * A page's first read, prefetched at start-up with the session (shell/firstReads.ts): the first
 * render already has its data — one render, instead of an empty one, a round trip and another.
 * While that answer is on its way the page waits (React suspends it; the area's spinner shows).
 * Without it the page loads as usual (and says why a load failed). Stable across renders.
 */
export function useFirstRead<M extends PublicMethodName>(method: M, input: MethodInput<M>): FirstRead<MethodOutput<M>> {
  const waiting = prefetchWaiting(method, input);
  if (waiting) use(waiting);
  const [first] = useState(() => {
    const value = prefetchedValue(method, input);
    let unused = value !== undefined;
    return { value, skipLoad: () => unused && !(unused = false), shown: () => void (value !== undefined && dropPrefetched(method, input)) };
  });
  // Shown (this render was kept, not thrown away): from now on the same call asks the host anew.
  useEffect(first.shown, [first]);
  return first;
}
