// The app's antd theme: one source for the running app (main.tsx) and for the build, which turns
// the antd styles of this theme into a static stylesheet (vite.config.ts, scripts/antd-style.mjs).
// Plain data (no antd types): vite.config.ts reads it in the Node type-check too; ConfigProvider checks its shape.
const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export const THEME = { token: { colorPrimary: '#b71c1c', fontFamily: FONT, borderRadius: 4 } };
