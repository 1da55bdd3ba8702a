import '@ant-design/v5-patch-for-react-19';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AppShell } from './shell/AppShell';
import { AuthGate } from './login/AuthGate';
import { PrintRoute } from './briefs/PrintRoute';
import './styles.css';

dayjs.locale('zh-cn');

const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

// The print route renders a bare document (no shell, no antd chrome) for PDF and paper.
const printing = window.location.hash.startsWith('#/print/');

createRoot(document.getElementById('root')!).render(
  printing ? (
    <PrintRoute />
  ) : (
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', fontFamily: FONT, borderRadius: 4 } }}>
      <AntApp>
        <AuthGate>
          <AppShell />
        </AuthGate>
      </AntApp>
    </ConfigProvider>
  </StrictMode>
  ),
);
