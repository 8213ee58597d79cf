import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { auth, type Account } from './api/api';
import { onSessionEnded } from './api/client';
import { messageOf } from './api/problem';

interface AuthState {
  /** `undefined` while the stored login is being checked, `null` when logged out. */
  account: Account | null | undefined;
  /** Why the stored login could not be checked (the server is unreachable, say). */
  problem?: string;
  signedIn(account: Account): void;
  logOut(): Promise<void>;
}

const AuthContext = createContext<AuthState>(null as unknown as AuthState);

export function AuthProvider({ children }: { children: ComponentChildren }) {
  const { route } = useLocation();
  const [account, setAccount] = useState<Account | null | undefined>(auth.isLoggedIn() ? undefined : null);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (auth.isLoggedIn()) {
      auth.me().then(setAccount, (failure) => {
        if (auth.isLoggedIn()) setProblem(messageOf(failure));
        else setAccount(null);
      });
    }
    return onSessionEnded(() => {
      setAccount(null);
      route(`/login?ended=1&next=${encodeURIComponent(location.pathname + location.search)}`);
    });
  }, []);

  const state: AuthState = {
    account,
    problem,
    signedIn: setAccount,
    async logOut() {
      await auth.logout();
      setAccount(null);
      route('/login?loggedOut=1');
    },
  };
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
