import createClient from 'openapi-fetch';
import type { paths as IdentityPaths } from './generated/identity';
import type { paths as SessionsPaths } from './generated/sessions';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as NotesPaths } from './generated/notes';
import { createAuthorizedFetch } from './authorizedFetch';
import { toApiError } from './problem';
import { browserTokenStorage, createRefresher, noLock, type Lock, type Tokens } from './tokens';

export const tokens = browserTokenStorage(localStorage);

/** Listeners told when the login ended behind the person's back (refresh token refused). */
const sessionEndedListeners = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

// One refresh at a time across every tab: two tabs presenting the same rotating refresh token
// would look like token theft to identity, which then ends the login.
const acrossTabs: Lock = navigator.locks
  ? (task) => navigator.locks.request('nexus-token-refresh', task) as ReturnType<typeof task>
  : noLock;

/** Clients of the endpoints that take no bearer token (login, register, refresh, logout). */
export const publicIdentity = createClient<IdentityPaths>({ baseUrl: '' });

async function refreshTokens(refreshToken: string): Promise<Tokens> {
  const { data, error, response } = await publicIdentity.POST('/api/v1/auth/refresh', { body: { refreshToken } });
  if (error !== undefined || !data?.accessToken || !data.refreshToken) {
    throw toApiError(response.status, error, response.headers.get('Retry-After'));
  }
  return { accessToken: data.accessToken, refreshToken: data.refreshToken };
}

const refreshAfter = createRefresher(tokens, refreshTokens, acrossTabs);

const authorizedFetch = createAuthorizedFetch(tokens, refreshAfter,
  () => sessionEndedListeners.forEach((listener) => listener()));

export const identity = createClient<IdentityPaths>({ baseUrl: '', fetch: authorizedFetch });
export const sessions = createClient<SessionsPaths>({ baseUrl: '', fetch: authorizedFetch });
export const notifications = createClient<NotificationsPaths>({ baseUrl: '', fetch: authorizedFetch });
export const notes = createClient<NotesPaths>({ baseUrl: '', fetch: authorizedFetch });

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; an error answer is thrown as an ApiError. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error, response.headers.get('Retry-After'));
  return data as T;
}
