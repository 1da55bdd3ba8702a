import { App } from 'antd';
import { useCallback, useRef } from 'react';
import { ApiCallError } from '../api';

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
