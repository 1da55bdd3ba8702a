// First: the session check and the first reads (boot.ts; index.html also loads it ahead, async).
import './boot';
import '@ant-design/v5-patch-for-react-19';
// antd's styles for THEME, computed at build time (vite.config.ts): first, so the app's own CSS wins.
import 'virtual:antd-style.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AppShell } from './shell/AppShell';
import { AuthGate } from './login/AuthGate';
import { isPrintRoute } from './shell/areaAccess';
import { THEME } from './theme';
import './styles.css';

dayjs.locale('zh-cn');

// The print route renders a bare document (no shell, no antd chrome) for PDF and paper.
const printing = isPrintRoute();
const PrintRoute = lazy(() => import('./briefs/PrintRoute').then((m) => ({ default: m.PrintRoute })));

createRoot(document.getElementById('root')!).render(
  printing ? (
    <Suspense fallback={null}>
      <PrintRoute />
    </Suspense>
  ) : (
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={THEME}>
      <AntApp>
        <AuthGate>
          <AppShell />
        </AuthGate>
      </AntApp>
    </ConfigProvider>
  </StrictMode>
  ),
);
