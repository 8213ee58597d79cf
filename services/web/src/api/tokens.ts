import { ApiError } from './problem';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface TokenStorage {
  load(): Tokens | null;
  save(tokens: Tokens | null): void;
}

/**
 * Tokens live in localStorage so that a person stays logged in across tabs and browser restarts
 * (sessionStorage would log them out with every new tab). The gateway's CSP allows no inline or
 * foreign script, which is what keeps them away from injected code.
 */
export function browserTokenStorage(storage: Storage, key = 'nexus.tokens'): TokenStorage {
  return {
    load() {
      const raw = storage.getItem(key);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Partial<Tokens>;
        return parsed.accessToken && parsed.refreshToken
          ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
          : null;
      } catch {
        return null;
      }
    },
    save(tokens) {
      if (tokens) storage.setItem(key, JSON.stringify(tokens));
      else storage.removeItem(key);
    },
  };
}

/** The refresh token was refused (expired, revoked or reused): the person must log in again. */
export class SessionEnded extends Error {
  constructor() {
    super('Your session has ended. Log in again.');
    this.name = 'SessionEnded';
  }
}

/** Runs `task` while holding a lock shared by every tab of the app (or just runs it). */
export type Lock = <T>(task: () => Promise<T>) => Promise<T>;
export const noLock: Lock = (task) => task();

/**
 * Makes `refreshAfter(staleAccessToken)` for a refresh token that rotates on every use and whose
 * reuse revokes the whole login: only one refresh runs at a time, and a caller whose token was
 * already replaced (by a concurrent call or another tab) gets the new one instead of presenting
 * the used refresh token again.
 */
export function createRefresher(
  storage: TokenStorage,
  refresh: (refreshToken: string) => Promise<Tokens>,
  lock: Lock = noLock,
): (staleAccessToken: string) => Promise<Tokens> {
  let inFlight: Promise<Tokens> | null = null;
  return (staleAccessToken) => {
    inFlight ??= lock(async () => {
      const current = storage.load();
      if (!current) throw new SessionEnded();
      if (current.accessToken !== staleAccessToken) return current;
      try {
        const next = await refresh(current.refreshToken);
        storage.save(next);
        return next;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
          storage.save(null);
          throw new SessionEnded();
        }
        throw error;
      }
    }).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
