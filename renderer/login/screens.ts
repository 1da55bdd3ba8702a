// The login and password-change screens in their own chunk: a tab with a session (most tabs) never
// shows them first, so their forms are not part of the first screen's code. boot.ts starts loading
// the login screen when the session check finds nobody logged in; AuthGate waits for it before it
// shows it, and loads both when idle after the first screen (the idle lock needs the login screen).
import { chunk } from '../shell/chunk';
import { loadLoginCode } from './loginCode';

export const LoginScreen = chunk(() => loadLoginCode().then((m) => m.LoginPage));
export const PasswordScreen = chunk(() => import('./ChangePassword').then((m) => m.ChangePassword));
