import '@ant-design/v5-patch-for-react-19';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AppShell } from './shell/AppShell';
import { AuthGate } from './login/AuthGate';
import { preloadRoute } from './shell/areas';
import './styles.css';

dayjs.locale('zh-cn');

const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

// The print route renders a bare document (no shell, no antd chrome) for PDF and paper.
const printing = window.location.hash.startsWith('#/print/');
const PrintRoute = lazy(() => import('./briefs/PrintRoute').then((m) => ({ default: m.PrintRoute })));
// The page in the address starts loading now, while the login round trips run.
if (!printing) preloadRoute(window.location.hash.replace(/^#\/?/, ''));

createRoot(document.getElementById('root')!).render(
  printing ? (
    <Suspense fallback={null}>
      <PrintRoute />
    </Suspense>
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
