import { expect, test } from '@playwright/test';
import {
  apiAs, createGroup, expectAccessible, groupIdOf, joinAndGo, personIn, registerThroughApi, screenshot, signUp, type ApiPerson,
} from './helpers';

/** Posts a note or problem for a session; the notes service learns of it through the broker and refuses it until then. */
async function postOnceNotesKnowsTheSession(author: ApiPerson, path: string, body: object): Promise<string> {
  let id = '';
  await expect(async () => {
    const answer = await author.attempt('POST', path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    id = answer.body.id;
  }).toPass({ timeout: 30_000 });
  return id;
}

/**
 * The sessions service refuses a session in the past and one lasts at least 5 minutes, so a test
 * cannot wait for a date to end: it schedules one that starts a few seconds later and reads its recap
 * "so far", which the notifications service offers for any date of a session of the reader's group.
 */
test('a date that has started links to its recap, which shows who is going and what was posted for it so far', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  const title = `Graph night ${Date.now()}`;
  await signUp(page, 'Rosa');
  await createGroup(page, `Recaps ${Date.now()}`);
  const groupId = groupIdOf(page);
  const rosa = await apiAs(page);
  const startsAt = new Date(Date.now() + 20_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const session = await rosa.call<{ id: string }>('POST', `/api/v1/groups/${groupId}/sessions`,
    { title, startsAt, durationMinutes: 30, timeZone: 'Europe/Berlin' });
  await rosa.call('PUT', `/api/v1/sessions/${session.id}/rsvp`, { status: 'GOING' });
  const sid = await registerThroughApi(page.request, 'Sid');
  await joinAndGo(sid, groupId, session.id);
  const noteId = await postOnceNotesKnowsTheSession(sid, '/api/v1/notes',
    { groupId, sessionId: session.id, title: 'Dijkstra, step by step', body: 'O(E log V) with a heap.' });
  const problemId = await postOnceNotesKnowsTheSession(rosa, '/api/v1/problems',
    { groupId, sessionId: session.id, title: 'Shortest path with one free edge', statement: 'Any edge may cost nothing once.' });
  await sid.call('POST', `/api/v1/problems/${problemId}/solutions`, { language: 'python', body: 'Dijkstra on two layers.' });

  await page.goto(`/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const past = page.getByRole('list', { name: 'Past dates' });
  await expect(async () => {
    await page.reload();
    await expect(past.getByRole('link', { name: /^Recap of .* so far$/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);
  await screenshot(page, 'session-past-dates');
  await past.getByRole('link', { name: /^Recap of .* so far$/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Recap: ${title}` })).toBeVisible();
  await expect(page.getByText(/^So far: this date has not ended yet/)).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Berlin' }).first()).toHaveText(/\(Berlin\)$/);
  await expect(page.getByRole('definition').filter({ hasText: 'None: no later date is planned.' })).toBeVisible();
  // Going and posts reach the notifications service through the broker: the page shows them once there.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('list', { name: 'Going' }).getByRole('listitem')).toHaveText(['Rosa', 'Sid'], { timeout: 2_000 });
    await expect(page.getByRole('list', { name: 'Notes' }).getByRole('link')).toHaveText('Dijkstra, step by step', { timeout: 2_000 });
    await expect(page.getByRole('list', { name: 'Problems' }).getByRole('link')).toHaveText('Shortest path with one free edge', { timeout: 2_000 });
    await expect(page.getByRole('list', { name: 'Solutions' })).toHaveText('1 solution to Shortest path with one free edge', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);
  await screenshot(page, 'recap');

  await page.getByRole('link', { name: 'Dijkstra, step by step' }).click();
  await expect(page).toHaveURL(`/notes/${noteId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dijkstra, step by step' })).toBeVisible();
});

test('a date the session does not have shows that there is no recap', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  await signUp(page, 'Noor');
  await page.goto('/sessions/00000000-0000-4000-8000-000000000000/recap/2026-01-05T18%3A00%3A00Z');
  await expect(page.getByRole('heading', { level: 1, name: 'No recap' })).toBeVisible();
  await expect(page.getByText('the session has no date starting then, or you are not in its group')).toBeVisible();
  await expectAccessible(page);
});
