import { useCallback, useEffect, useState } from 'react';
import { Layout, Menu, Result, Spin, Tag, Typography } from 'antd';
import {
  AlertOutlined, AuditOutlined, BarChartOutlined, FileTextOutlined, HeatMapOutlined, SettingOutlined, TableOutlined,
} from '@ant-design/icons';
import { api } from '../api';
import type { AppInfo } from '../../shared/settings';
import { FirstRun } from '../firstrun/FirstRun';
import { RegisterPage } from '../register/RegisterPage';
import { useHashRoute } from './route';
import { useErrorReporter } from './useApi';

const AREAS = [
  { key: 'register', label: '风险台账', icon: <TableOutlined /> },
  { key: 'meetings', label: '研判会', icon: <AuditOutlined /> },
  { key: 'heatmap', label: '热力图', icon: <HeatMapOutlined /> },
  { key: 'actions', label: '交办督办', icon: <AlertOutlined /> },
  { key: 'briefs', label: '简报', icon: <FileTextOutlined /> },
  { key: 'stats', label: '统计', icon: <BarChartOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

export function AppShell() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [route, go] = useHashRoute();
  const report = useErrorReporter();
  const refresh = useCallback(() => api('app.info', {}).then(setInfo, report), [report]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!info) return <Spin size="large" fullscreen tip="正在打开台账…" />;
  if (info.firstRun) return <FirstRun onDone={refresh} />;

  const area = route.split('/')[0];
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={176} theme="dark" style={{ background: '#7f1d1d' }}>
        <div className="yp-brand">风险研判台</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[area]}
          style={{ background: 'transparent' }}
          items={AREAS.map((a) => ({ key: a.key, icon: a.icon, label: a.label }))}
          onClick={(e) => go(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="yp-header">
          <Typography.Text strong>{info.settings.cityName}信访局 · 风险隐患台账</Typography.Text>
          <span>
            <Tag>今天 {info.today}</Tag>
            <Tag color="default">操作人：{info.settings.operator}</Tag>
          </span>
        </Layout.Header>
        <Layout.Content className="yp-content">
          {area === 'register' ? <RegisterPage onChanged={refresh} /> : <ComingSoon title={AREAS.find((a) => a.key === area)?.label ?? '页面'} />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function ComingSoon({ title }: { title: string }) {
  return <Result status="info" title={`${title}`} subTitle="此功能正在建设中，将在后续版本提供。台账中的数据不受影响。" />;
}
