import { describe, expect, it } from 'vitest';
import { createAuthorizedFetch } from './authorizedFetch';
import { ApiError } from './problem';
import { createRefresher, SessionEnded, type TokenStorage, type Tokens } from './tokens';

function storageWith(tokens: Tokens | null): TokenStorage & { current: Tokens | null } {
  return { current: tokens, load() { return this.current; }, save(next) { this.current = next; } };
}

/** An API that accepts only `access-1`, and records what it was sent. */
function api() {
  const seen: { auth: string | null; body: string }[] = [];
  const send = async (request: Request) => {
    seen.push({ auth: request.headers.get('Authorization'), body: await request.text() });
    return new Response(null, { status: request.headers.get('Authorization') === 'Bearer access-1' ? 200 : 401 });
  };
  return { send, seen };
}

const post = () => new Request('http://nexus.test/api/v1/groups', { method: 'POST', body: '{"name":"Katas"}' });

describe('calls with the bearer token', () => {
  it('repeats a call that got a 401 once, with the refreshed token and the same body', async () => {
    const storage = storageWith({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const server = api();
    const authorizedFetch = createAuthorizedFetch(storage,
      createRefresher(storage, async () => ({ accessToken: 'access-1', refreshToken: 'refresh-1' })), () => {}, server.send);

    const response = await authorizedFetch(post());

    expect(response.status).toBe(200);
    expect(server.seen).toEqual([
      { auth: 'Bearer access-0', body: '{"name":"Katas"}' },
      { auth: 'Bearer access-1', body: '{"name":"Katas"}' },
    ]);
  });

  it('refreshes once when several calls fail at the same time', async () => {
    const storage = storageWith({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    const server = api();
    let refreshes = 0;
    const authorizedFetch = createAuthorizedFetch(storage, createRefresher(storage, async () => {
      refreshes += 1;
      return { accessToken: 'access-1', refreshToken: 'refresh-1' };
    }), () => {}, server.send);

    const statuses = await Promise.all([post(), post(), post()].map(async (request) => (await authorizedFetch(request)).status));

    expect(statuses).toEqual([200, 200, 200]);
    expect(refreshes).toBe(1);
  });

  it('tells the app that the session ended when the refresh token is refused', async () => {
    const storage = storageWith({ accessToken: 'access-0', refreshToken: 'reused' });
    let ended = 0;
    const authorizedFetch = createAuthorizedFetch(storage, createRefresher(storage, async () => {
      throw new ApiError(401, 'The refresh token is invalid, expired or already used. Log in again.');
    }), () => { ended += 1; }, api().send);

    await expect(authorizedFetch(post())).rejects.toBeInstanceOf(SessionEnded);
    expect(ended).toBe(1);
  });

  it('sends no token and never refreshes when nobody is logged in', async () => {
    const server = api();
    const authorizedFetch = createAuthorizedFetch(storageWith(null), async () => {
      throw new Error('must not refresh');
    }, () => {}, server.send);

    expect((await authorizedFetch(post())).status).toBe(401);
    expect(server.seen).toEqual([{ auth: null, body: '{"name":"Katas"}' }]);
  });
});
