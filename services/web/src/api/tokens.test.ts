import { describe, expect, it } from 'vitest';
import { ApiError } from './problem';
import { createRefresher, SessionEnded, type TokenStorage, type Tokens } from './tokens';

function memoryStorage(initial: Tokens | null): TokenStorage & { current: Tokens | null } {
  return {
    current: initial,
    load() { return this.current; },
    save(tokens) { this.current = tokens; },
  };
}

/** A refresh endpoint that rotates: each token works once, like identity's. */
function rotatingIdentity() {
  const used = new Set<string>();
  let issued = 0;
  const calls: string[] = [];
  const refresh = async (refreshToken: string): Promise<Tokens> => {
    calls.push(refreshToken);
    await Promise.resolve();
    if (used.has(refreshToken)) throw new ApiError(401, 'The refresh token is invalid, expired or already used.');
    used.add(refreshToken);
    issued += 1;
    return { accessToken: `access-${issued}`, refreshToken: `refresh-${issued}` };
  };
  return { refresh, calls };
}

describe('token refresh', () => {
  it('refreshes once for many calls that failed with the same access token', async () => {
    const storage = memoryStorage({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const identity = rotatingIdentity();
    const refreshAfter = createRefresher(storage, identity.refresh);

    const results = await Promise.all([refreshAfter('access-0'), refreshAfter('access-0'), refreshAfter('access-0')]);

    expect(identity.calls).toEqual(['refresh-0']);
    expect(results.map((tokens) => tokens.accessToken)).toEqual(['access-1', 'access-1', 'access-1']);
    expect(storage.current).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('hands a late caller the token another call already got instead of reusing the old refresh token', async () => {
    const storage = memoryStorage({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const identity = rotatingIdentity();
    const refreshAfter = createRefresher(storage, identity.refresh);

    await refreshAfter('access-0');
    const late = await refreshAfter('access-0');

    expect(late.accessToken).toBe('access-1');
    expect(identity.calls).toEqual(['refresh-0']);
  });

  it('refreshes again when the new access token expires too', async () => {
    const storage = memoryStorage({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const identity = rotatingIdentity();
    const refreshAfter = createRefresher(storage, identity.refresh);

    await refreshAfter('access-0');
    const second = await refreshAfter('access-1');

    expect(second.accessToken).toBe('access-2');
    expect(identity.calls).toEqual(['refresh-0', 'refresh-1']);
  });

  it('forgets the tokens and ends the session when the refresh token is refused', async () => {
    const storage = memoryStorage({ accessToken: 'access-0', refreshToken: 'stolen-and-used' });
    const refreshAfter = createRefresher(storage, async () => {
      throw new ApiError(401, 'The refresh token is invalid, expired or already used. Log in again.');
    });

    await expect(refreshAfter('access-0')).rejects.toBeInstanceOf(SessionEnded);
    expect(storage.current).toBeNull();
  });

  it('keeps the tokens when the refresh fails for another reason (the server is down)', async () => {
    const tokens = { accessToken: 'access-0', refreshToken: 'refresh-0' };
    const storage = memoryStorage(tokens);
    const refreshAfter = createRefresher(storage, async () => {
      throw new ApiError(503, 'The database cannot be reached right now.');
    });

    await expect(refreshAfter('access-0')).rejects.toThrow('The database cannot be reached right now.');
    expect(storage.current).toEqual(tokens);
  });

  it('runs the refresh inside the lock shared by the tabs', async () => {
    const storage = memoryStorage({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const identity = rotatingIdentity();
    const events: string[] = [];
    const refreshAfter = createRefresher(storage, identity.refresh, async (task) => {
      events.push('locked');
      try { return await task(); } finally { events.push('released'); }
    });

    await refreshAfter('access-0');

    expect(events).toEqual(['locked', 'released']);
    expect(identity.calls).toEqual(['refresh-0']);
  });
});
