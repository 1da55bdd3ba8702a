import { App } from 'antd';
import { useCallback } from 'react';
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
