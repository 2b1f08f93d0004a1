import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { LoginResponse, SessionProbeResponse, SessionUser } from '../../contracts/auth.js';
import { apiFetch } from '../api/client.js';

type AuthState = {
  user: SessionUser | null;
  permissions: string[];
  loading: boolean;
  loginStaff: (username: string, password: string) => Promise<void>;
  loginCustomer: (phone: string, code: string) => Promise<void>;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

/** The session probe answers 200 with user null when logged out, so the login page logs no failed request. */
const fetchMe = (): Promise<SessionProbeResponse> => apiFetch<SessionProbeResponse>('/api/auth/session');

export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000, retry: false });
  // A new identity must not see the previous one's cached pages: drop them, then publish the new user.
  const refresh = useCallback(async () => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    client.setQueryData(['me'], await fetchMe());
  }, [client]);
  const loginStaff = useCallback(
    async (username: string, password: string) => {
      await apiFetch<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password } });
      await refresh();
    },
    [refresh],
  );
  const loginCustomer = useCallback(
    async (phone: string, code: string) => {
      await apiFetch<LoginResponse>('/api/auth/otp/verify', { method: 'POST', body: { phone, code } });
      await refresh();
    },
    [refresh],
  );
  const logout = useCallback(async () => {
    await apiFetch<undefined>('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    client.setQueryData(['me'], null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  }, [client]);
  const value = useMemo<AuthState>(
    () => ({
      user: me.data?.user ?? null,
      permissions: me.data?.permissions ?? [],
      loading: me.isPending,
      loginStaff,
      loginCustomer,
      logout,
    }),
    [me.data, me.isPending, loginStaff, loginCustomer, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
};

export const useAuth = (): AuthState => {
  const ctx = useContext(AuthContext);
  if (ctx === null) throw new Error('useAuth outside AuthProvider');
  return ctx;
};
