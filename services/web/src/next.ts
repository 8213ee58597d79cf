/** Where to go after logging in or signing up: only a path of this app, never another site. */
export function safeNext(next: string | undefined, otherwise = '/groups'): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : otherwise;
}
