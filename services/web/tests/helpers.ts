import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery';

/** An e-mail address no earlier run used, so the tests can run again on the same platform. */
export function uniqueEmail(name: string): string {
  return `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/** A browser context of its own (storage, zone) for one person. */
export async function personIn(browser: Browser, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId, permissions: ['clipboard-read', 'clipboard-write'] });
  return context.newPage();
}

export async function signUp(page: Page, displayName: string, path = '/signup'): Promise<string> {
  const email = uniqueEmail(displayName);
  await page.goto(path);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  return email;
}

/** Fails on any serious or critical axe-core violation of WCAG 2.2 A/AA on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Keeps a picture of a main page as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${process.env.NEXUS_TEST_RESULTS ?? 'test-results'}/screenshots/${name}.png`, fullPage: true });
}

/** The bell's accessible name carries the unread count. */
export function bell(page: Page, unread: number) {
  return page.getByRole('link', { name: `Notifications, ${unread} unread` });
}

/** Creates a public group and stays on its page. */
export async function createGroup(page: Page, name: string): Promise<void> {
  await page.goto('/groups/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** A day (`YYYY-MM-DD`) some days from today, in UTC. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** `Thursday 17 December`, as the agenda names a day. */
export function dayName(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' })
    .format(new Date(`${day}T00:00:00Z`));
}

/** Schedules a session from the group page the organizer is on; ends on the session's page. */
export async function scheduleSession(page: Page, session: { title: string; start: string; timeZone: string; repeat?: string; description?: string }): Promise<void> {
  await page.getByRole('link', { name: 'Schedule a session' }).click();
  await page.getByLabel('Title').fill(session.title);
  if (session.description) await page.getByRole('textbox', { name: 'Description (optional)' }).fill(session.description);
  await page.getByLabel('Starts (date and time)').fill(session.start);
  await page.getByLabel('Time zone of the start').selectOption(session.timeZone);
  await page.getByLabel('Duration (minutes)').fill('90');
  if (session.repeat) await page.getByLabel('Repeat').selectOption(session.repeat);
  await page.getByRole('button', { name: 'Schedule session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: session.title })).toBeVisible();
}

/** Joins the public group at `groupUrl` from its page. */
export async function joinGroup(page: Page, groupUrl: string): Promise<void> {
  await page.goto(groupUrl);
  await page.getByRole('button', { name: 'Join this group' }).click();
  await expect(page.getByText('you are member')).toBeVisible();
}

/**
 * Submits a form of the notes service until it is taken: notes learns of a new group or member
 * through the broker, and answers that the group is unknown until then.
 */
export async function submitOnceNotesKnowsTheGroup(page: Page, button: string, heading: string): Promise<void> {
  await expect(async () => {
    await page.getByRole('button', { name: button }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible({ timeout: 2_000 });
  }).toPass();
}

/**
 * Calls the API as one person, for the data a test needs but does not check through the pages
 * (other members, their answers, posts): quicker and lighter on a shared machine than a browser each.
 */
export interface ApiPerson {
  id: string;
  name: string;
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  /** The status and body, for a call that may be refused for a while (a service not yet told). */
  attempt(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

function apiPerson(request: APIRequestContext, id: string, name: string, accessToken: string): ApiPerson {
  const attempt = async (method: string, path: string, body?: unknown) => {
    const response = await request.fetch(path, {
      method, headers: { Authorization: `Bearer ${accessToken}` }, ...(body === undefined ? {} : { data: body }),
    });
    const text = await response.text();
    return { status: response.status(), body: text ? JSON.parse(text) : undefined };
  };
  return {
    id,
    name,
    attempt,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const { status, body: answer } = await attempt(method, path, body);
      if (status >= 400) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(answer)}`);
      return answer as T;
    },
  };
}

/** A new account made through the API (`POST /api/v1/auth/register`). */
export async function registerThroughApi(request: APIRequestContext, name: string, timeZone = 'Europe/Berlin'): Promise<ApiPerson> {
  const response = await request.post('/api/v1/auth/register', {
    data: { email: uniqueEmail(name), password: PASSWORD, displayName: name, timeZone },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { user, accessToken } = await response.json();
  return apiPerson(request, user.id, name, accessToken);
}

/** The person logged in on `page`, calling the API with the page's own token. */
export async function apiAs(page: Page): Promise<ApiPerson> {
  const tokens = await page.evaluate(() => JSON.parse(localStorage.getItem('nexus.tokens')!));
  const me = await page.request.get('/api/v1/users/me', { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
  const account = await me.json();
  return apiPerson(page.request, account.id, account.displayName, tokens.accessToken);
}

/** The group id of the group page `page` is on. */
export function groupIdOf(page: Page): string {
  return new URL(page.url()).pathname.split('/')[2];
}

/** Joins the public group and answers going to the session, through the API. */
export async function joinAndGo(person: ApiPerson, groupId: string, sessionId: string): Promise<void> {
  await person.call('POST', `/api/v1/groups/${groupId}/members`, {});
  await person.call('PUT', `/api/v1/sessions/${sessionId}/rsvp`, { status: 'GOING' });
}
