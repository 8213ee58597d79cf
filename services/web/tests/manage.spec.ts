import { expect, test } from '@playwright/test';
import { createGroup, dayFromNow, dayName, expectAccessible, personIn, scheduleSession, screenshot, signUp } from './helpers';

test('an organizer cancels one date of a weekly series and moves another; the agenda follows', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  const title = 'Weekly review';
  await signUp(page, 'Orla');
  await createGroup(page, `Manage ${Date.now()}`);
  await scheduleSession(page, { title, start: `${dayFromNow(5)}T18:00`, timeZone: 'Europe/Berlin', repeat: 'WEEKLY' });

  const dates = page.getByRole('list', { name: 'Coming dates' }).getByRole('listitem');
  await expect(dates).toHaveCount(6);
  const second = dates.nth(1);
  const cancelled = (await second.locator('span').first().textContent())!;
  await expectAccessible(page);
  await screenshot(page, 'session-manage');
  await second.getByRole('button', { name: `Cancel the session on ${cancelled}` }).click();

  await expect(dates).toHaveCount(5);
  await expect(page.getByRole('list', { name: 'Coming dates' })).not.toContainText(cancelled);
  const moved = (await dates.nth(1).locator('span').first().textContent())!;
  await dates.nth(1).getByRole('button', { name: `Move the session on ${moved}` }).click();
  await dates.nth(1).getByLabel('New start (your time, Europe/Berlin)').fill(`${dayFromNow(20)}T07:15`);
  await dates.nth(1).getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Coming dates' })).toContainText('07:15 (Berlin)');
  await expect(page.getByRole('list', { name: 'Coming dates' })).not.toContainText(moved);
  await page.goto(`/agenda?view=week&date=${dayFromNow(12)}`);
  await expect(page.getByRole('listitem', { name: dayName(dayFromNow(12)) })).toContainText('No sessions');
  await page.goto(`/agenda?view=week&date=${dayFromNow(26)}`);
  await expect(page.getByRole('listitem', { name: dayName(dayFromNow(26)) }).getByRole('link', { name: `18:00–19:30 ${title}` })).toBeVisible();
  await page.goto(`/agenda?view=week&date=${dayFromNow(20)}`);
  await expect(page.getByRole('listitem', { name: dayName(dayFromNow(20)) }).getByRole('link', { name: `07:15–08:45 ${title}` })).toBeVisible();
});

test('an organizer reschedules a session and then cancels it with a reason', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  const title = 'One-off pairing';
  await signUp(page, 'Rhea');
  await createGroup(page, `Reschedule ${Date.now()}`);
  await scheduleSession(page, { title, start: `${dayFromNow(4)}T10:00`, timeZone: 'Europe/Berlin', description: 'Bring **tests**.' });
  await expect(page.getByRole('strong').filter({ hasText: 'tests' })).toBeVisible();

  await page.getByLabel('New start').fill(`${dayFromNow(6)}T14:30`);
  await page.getByRole('button', { name: 'Reschedule the session' }).click();
  await expect(page.getByRole('definition').filter({ hasText: 'Berlin' })).toHaveText(/14:30 \(Berlin\)$/);

  await page.getByLabel('Reason (optional)').fill('The room is taken');
  await page.getByRole('button', { name: 'Cancel the session' }).click();
  await expect(page.getByText('This session was cancelled: The room is taken')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Going', exact: true })).toHaveCount(0);
});

test('a custom RRULE schedules its dates; a rule without an end shows the API’s error next to it', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  await signUp(page, 'Cyd');
  await createGroup(page, `Rules ${Date.now()}`);
  await page.getByRole('link', { name: 'Schedule a session' }).click();
  await page.getByLabel('Title').fill('Twice a week');
  await page.getByLabel('Starts (date and time)').fill(`${dayFromNow(3)}T08:00`);
  await page.getByLabel('Repeat').selectOption('CUSTOM');
  await page.getByLabel('Rule (RRULE)').fill('FREQ=WEEKLY;BYDAY=TU,TH');
  await page.getByRole('button', { name: 'Schedule session' }).click();
  await expect(page.getByLabel('Rule (RRULE)')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel('Rule (RRULE)').fill('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4');
  await page.getByRole('button', { name: 'Schedule session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Twice a week' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Coming dates' }).getByRole('listitem')).toHaveCount(4);
});
