import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../shared/accounts';

export interface SessionValue {
  info: SessionInfo;
  /** Locks the screen now (Ctrl+L does the same). */
  lock: () => void;
  logout: () => void;
  changePassword: () => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The logged-in account, or null in recovery mode (nobody can log in to a damaged register). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}

/** The logged-in account; pages below the gate always have one. */
export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the login gate');
  return s;
}
