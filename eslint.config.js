// Lint, and the layer arrows made impossible to break: renderer → contract → handlers → db.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', '.tmp/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
      // Chinese text legitimately uses the full-width space.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    files: ['shared/**'],
    rules: restrict([
      { group: ['node:*', 'fs', 'path', 'os', 'better-sqlite3-multiple-ciphers', 'electron'], message: 'shared/ is pure: no Node, no database, no Electron.' },
      { group: ['**/db/**', '**/electron/**', '**/renderer/**', 'react', 'antd'], message: 'shared/ imports nothing from other layers.' },
    ]),
  },
  {
    files: ['db/**'],
    rules: restrict([{ group: ['**/electron/**', '**/renderer/**', 'electron', 'react', 'antd'], message: 'db/ knows nothing of hosts or UI.' }]),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict([
        { group: ['**/db/**', '**/electron/**', 'node:*', 'better-sqlite3-multiple-ciphers', 'electron'], message: 'The renderer reaches the core only through the API client (renderer/api.ts).' },
      ]),
      // A page's today is the app's (useToday, from app.info), never the browser clock: `serve --today` fixes it for tests.
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: "Today in a page is the app's: useToday() / useTodayDayjs() (renderer/shell/today.ts), not dayjs()." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Today in a page is the app's: useToday() (renderer/shell/today.ts), not new Date()." },
      ],
    },
  },
);
