// One progress bar for work the server does in one call (export, backup, restore): the data page
// and the register toolbar share it, so both show the same bar and report errors the same way.
import { useCallback, useState } from 'react';
import { Progress, Typography } from 'antd';
import { useErrorReporter } from '../shell/useApi';
import { easedProgress } from './files';

export function useProgress() {
  const report = useErrorReporter();
  const [busy, setBusy] = useState<{ what: string; percent: number } | null>(null);

  const run = useCallback(
    async <T,>(what: string, expectedMs: number, fn: () => Promise<T>): Promise<T | undefined> => {
      setBusy({ what, percent: 0 });
      const stop = easedProgress((p) => setBusy({ what, percent: p }), 0, 100, expectedMs);
      try {
        return await fn();
      } catch (e) {
        report(e);
        return undefined;
      } finally {
        stop();
        setTimeout(() => setBusy(null), 400);
      }
    },
    [report],
  );

  const bar = busy && (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text>{busy.what}</Typography.Text>
      <Progress percent={busy.percent} status={busy.percent >= 100 ? 'success' : 'active'} aria-label={busy.what} />
    </div>
  );
  return { busy: !!busy, run, bar };
}
