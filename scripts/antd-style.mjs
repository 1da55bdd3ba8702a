#!/usr/bin/env node
// antd's CSS-in-JS styles for the app's theme, computed once at build time (called by vite.config.ts).
// At run time antd builds every component's style in JavaScript on first use (~0.5 s of a fresh
// tab's main thread on the register page, measured) and injects ~50 <style> tags; with this sheet
// and its path map (the `.data-ant-cssinjs-cache-path` rule, read by @ant-design/cssinjs) it finds
// each style already present and skips both. A style missing here (another theme, a component not
// listed) is still built at run time as before, so a gap costs speed, never looks.
// (@ant-design/static-style-extract does the same, but its antd 5 line is unmaintained and renders
// every antd component: a 1.26 MB sheet for ours; this renders only what the app imports.)
//
// Input: argv[2] is JSON { theme, components } (the names the renderer imports from 'antd').
// Output: the stylesheet on stdout. Runs in its own process because @ant-design/cssinjs fixes its
// class prefix from NODE_ENV when first loaded ('css-…' in production builds).
import { createRequire } from 'node:module';

process.env.NODE_ENV = 'production';
const require = createRequire(import.meta.url);
const React = require('react');
const { renderToString } = require('react-dom/server');
const antd = require('antd');
const { createCache, extractStyle, StyleProvider } = require('@ant-design/cssinjs');

const { theme, components } = JSON.parse(process.argv[2]);
/** Parts the listed components render inside themselves (a table's pager, a select's dropdown). */
const INNER = ['Pagination', 'Empty', 'Spin', 'Checkbox', 'Radio', 'Select', 'Dropdown', 'Tooltip', 'Popover', 'Divider', 'message', 'notification'];
/** Pop-ups render nothing closed: their `_InternalPanelDoNotUseOrYouWillBeFired` (an open panel) carries the style. */
const POPUP = new Set(['Modal', 'Drawer', 'Popover', 'Popconfirm', 'Tooltip', 'Tour', 'message', 'notification']);
const PROPS = { Dropdown: { menu: { items: [] }, children: React.createElement('span') }, Menu: { items: [] }, Tree: { treeData: [] } };
/** Styles registered only by a variant: a status tag's colours, the layout's sider, the confirm dialog (App's modal.confirm). */
const VARIANTS = [
  [antd.Tag, { color: 'success' }],
  [antd.Layout, { children: React.createElement(antd.Layout.Sider) }],
  [antd.Modal._InternalPanelDoNotUseOrYouWillBeFired, { type: 'confirm' }],
];

const names = [...new Set([...components, ...INNER])].filter((n) => antd[n] && n !== 'ConfigProvider').sort();
const nodes = names.map((n) => {
  const C = antd[n];
  const panel = C._InternalPanelDoNotUseOrYouWillBeFired;
  return React.createElement(
    React.Fragment,
    { key: n },
    POPUP.has(n) || typeof C !== 'function' && typeof C !== 'object' ? null : React.createElement(C, PROPS[n] ?? {}),
    panel ? React.createElement(panel, {}) : null,
  );
});
nodes.push(...VARIANTS.map(([C, props], i) => React.createElement(C, { key: `variant-${i}`, ...props })));
const cache = createCache();
renderToString(React.createElement(StyleProvider, { cache }, React.createElement(antd.ConfigProvider, { theme }, React.createElement(antd.App, null, nodes))));
process.stdout.write(extractStyle(cache, { plain: true, types: ['style', 'token'] }));
