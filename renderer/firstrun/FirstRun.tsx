import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { DatabaseOutlined, ExperimentOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { DemoAccount } from '../../shared/accounts';

export function FirstRun({ onDone, onDemoAccounts }: { onDone: () => void; onDemoAccounts?: (a: DemoAccount[]) => void }) {
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const report = useErrorReporter();
  const run = async (kind: 'demo' | 'empty') => {
    setBusy(kind);
    try {
      if (kind === 'demo') onDemoAccounts?.((await api('demo.load', {})).accounts);
      else await api('app.initEmpty', {});
      onDone();
    } catch (e) {
      report(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="yp-firstrun">
      <Card>
        <Typography.Title level={2}>欢迎使用风险研判台</Typography.Title>
        <Typography.Paragraph>
          风险研判台帮助信访部门维护风险隐患台账、筹备和召开每周风险研判会、跟踪交办事项并生成公文格式的研判专报。
          所有数据只保存在本机，不连接任何网络。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">请选择如何开始：</Typography.Paragraph>
        <Space size="large" wrap>
          <Button type="primary" size="large" icon={<ExperimentOutlined />} loading={busy === 'demo'} disabled={busy !== null} onClick={() => run('demo')}>
            载入示例数据
          </Button>
          <Button size="large" icon={<DatabaseOutlined />} loading={busy === 'empty'} disabled={busy !== null} onClick={() => run('empty')}>
            新建空台账
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          示例数据是虚构的“江城市”台账，可用于熟悉功能；正式使用前请新建空台账或导入本单位的 Excel 台账。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
