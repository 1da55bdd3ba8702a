// The login screen's code, on its own (no React here): boot.ts starts it when nobody is logged in,
// login/screens.ts renders it.
export const loadLoginCode = () => import('./LoginPage');
