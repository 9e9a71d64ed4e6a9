/** Session queries and mutations shared by the shell and the login page. */
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client';
import type { SessionView } from './types';
import { wipe } from '../offline/vault';

export const sessionKey = ['session'] as const;

/** Data of the previous session or organisation must not linger in the cache. */
function dropOtherQueries(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

async function fetchSession(): Promise<SessionView | null> {
  try {
    const session = await api<SessionView>('/api/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string; totpCode?: string }) =>
      api<SessionView>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout(everywhere = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout', { method: 'POST' }),
    onSettled: async () => {
      // Signing out wipes the offline store of this device (database deleted), before the login page shows.
      await wipe('logout').catch(() => undefined);
      setCsrfToken(null);
      dropOtherQueries(client);
      client.setQueryData(sessionKey, null);
    },
  });
}

export function useSwitchOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organisationId: string) =>
      api<SessionView>('/api/session/organisation', { method: 'POST', body: { organisationId } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      dropOtherQueries(client);
      client.setQueryData(sessionKey, session);
    },
  });
}
