// Shown instead of the app when the database failed its start-up check: say what happened and
// offer the newest good backup. The damaged file is kept, never overwritten unseen.
import { useState } from 'react';
import { Alert, Button, Result, Typography } from 'antd';
import { api } from '../api';
import { BACKUP_REASONS } from '../../shared/backups';
import { useErrorReporter } from '../shell/useApi';

export interface RecoveryInfo {
  dbPath: string;
  problems: string[];
  backup: { name: string; at: string; reason: string; size: number } | null;
}

export function RecoveryPage({ info, onRestored }: { info: RecoveryInfo; onRestored: () => void }) {
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    setBusy(true);
    try {
      await api('recovery.restore', { name: info.backup?.name });
      onRestored();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="yp-firstrun">
      <Result
        status="warning"
        title="数据库文件已损坏"
        subTitle={`为防止损坏扩大，程序没有打开它：${info.dbPath}`}
        extra={
          info.backup ? (
            <Button type="primary" loading={busy} onClick={() => void restore()}>
              恢复最近的完好备份（{new Date(info.backup.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}，{BACKUP_REASONS[info.backup.reason] ?? info.backup.reason}）
            </Button>
          ) : (
            <Typography.Text>备份文件夹中没有可用的完好备份，请联系维护人员。</Typography.Text>
          )
        }
      />
      <Alert type="info" showIcon message="检查发现的问题" description={<ul style={{ margin: 0 }}>{info.problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        恢复前，损坏的文件会原样保存到备份文件夹（文件名以 -damaged.db 结尾），供维护人员检查；备份之后的修改需要重新录入。
      </Typography.Paragraph>
    </div>
  );
}
