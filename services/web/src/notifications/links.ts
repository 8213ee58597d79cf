/**
 * The page of this app for a notification's `link`, which is a path of the API
 * (`/api/v1/sessions/…`, `/api/v1/groups/…/members`, `/api/v1/recaps/<session>/<start>`, the inbox,
 * a group's webhooks `/api/v1/webhooks?groupId=…` …);
 * `undefined` when the app has no such page yet.
 */
export function pageOf(apiLink: string | undefined): string | undefined {
  if (!apiLink) return undefined;
  const [path, query] = apiLink.split('?');
  if (path === '/api/v1/notifications') return '/notifications';
  if (path === '/api/v1/webhooks') {
    // a disabled webhook's notification names its group's list
    const groupId = new URLSearchParams(query).get('groupId');
    return groupId ? `/groups/${encodeURIComponent(groupId)}/webhooks` : undefined;
  }
  const recap = /^\/api\/v1\/recaps\/([^/]+)\/([^/]+)$/.exec(path);
  if (recap) return `/sessions/${recap[1]}/recap/${recap[2]}`;
  const session = /^\/api\/v1\/sessions\/([^/]+)$/.exec(path);
  if (session) return `/sessions/${session[1]}`;
  const group = /^\/api\/v1\/groups\/([^/]+)(\/.*)?$/.exec(path);
  if (group) return `/groups/${group[1]}`;
  const other = /^\/api\/v1\/(notes|problems|solutions|polls)\/([^/]+)(\/.*)?$/.exec(path);
  if (other) return `/${other[1]}/${other[2]}`;
  return undefined;
}
