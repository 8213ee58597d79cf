import type { TokenStorage, Tokens } from './tokens';

/**
 * A fetch that sends the stored access token; on a 401 it gets a fresh token (`refreshAfter`, one
 * refresh at a time) and sends the request once more. When the refresh fails and the tokens are
 * gone (the login ended), `onSessionEnded` is called and the error is thrown on.
 */
export function createAuthorizedFetch(
  tokens: TokenStorage,
  refreshAfter: (staleAccessToken: string) => Promise<Tokens>,
  onSessionEnded: () => void,
  send: (request: Request) => Promise<Response> = (request) => fetch(request),
): (request: Request) => Promise<Response> {
  return async (request) => {
    const current = tokens.load();
    if (!current) return send(request);
    const repeat = request.clone();
    request.headers.set('Authorization', `Bearer ${current.accessToken}`);
    const response = await send(request);
    if (response.status !== 401) return response;
    try {
      const fresh = await refreshAfter(current.accessToken);
      repeat.headers.set('Authorization', `Bearer ${fresh.accessToken}`);
      return await send(repeat);
    } catch (error) {
      if (!tokens.load()) onSessionEnded();
      throw error;
    }
  };
}
