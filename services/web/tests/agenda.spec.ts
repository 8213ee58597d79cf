import { expect, test } from '@playwright/test';
import { createGroup, dayFromNow, dayName, expectAccessible, personIn, scheduleSession, screenshot, signUp } from './helpers';

test('a weekly session scheduled in Berlin shows in a New York agenda on its weekday at New York time, week after week', async ({ browser }) => {
  const page = await personIn(browser, 'America/New_York');
  const title = 'Kata night';
  const day = dayFromNow(9);
  await signUp(page, 'Nora');
  await createGroup(page, `Kata club ${Date.now()}`);
  await scheduleSession(page, { title, start: `${day}T18:00`, timeZone: 'Europe/Berlin', repeat: 'WEEKLY' });

  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  await page.goto(`/agenda?view=week&date=${day}`);
  // 18:00 in Berlin (UTC+1 in winter) is 12:00 in New York (UTC-5).
  const sessionDay = page.getByRole('listitem', { name: dayName(day) });
  await expect(sessionDay.getByRole('link', { name: `12:00–13:30 ${title}` })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'agenda-week');

  await page.getByRole('link', { name: 'Next week' }).click();
  const nextDate = dayFromNow(16);
  await expect(page.getByRole('listitem', { name: dayName(nextDate) }).getByRole('link', { name: `12:00–13:30 ${title}` })).toBeVisible();
  // Another day of that week (Monday to Sunday): the day before it, or after it when it is a Monday.
  const otherDay = new Date(`${nextDate}T00:00:00Z`).getUTCDay() === 1 ? dayFromNow(17) : dayFromNow(15);
  await expect(page.getByRole('listitem', { name: dayName(otherDay) })).toContainText('No sessions');

  await page.getByRole('link', { name: 'Month' }).click();
  await expect(page.getByRole('cell', { name: dayName(dayFromNow(16)) })).toContainText(`12:00–13:30 ${title}`);
  await expectAccessible(page);
  await screenshot(page, 'agenda-month');
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole('cell', { name: dayName(dayFromNow(16)) })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, 'agenda-month-phone');

  await page.getByRole('link', { name: `12:00–13:30 ${title}` }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('the calendar feed URL is copied and serves the person’s sessions to a calendar app', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  const title = 'Feed check';
  await signUp(page, 'Felix');
  await createGroup(page, `Feed ${Date.now()}`);
  await scheduleSession(page, { title, start: `${dayFromNow(3)}T09:00`, timeZone: 'Europe/Berlin' });

  await page.goto('/agenda');
  await page.getByRole('button', { name: 'Copy my calendar feed URL' }).click();
  await expect(page.getByText('Feed URL copied.')).toBeVisible();
  const url = await page.getByLabel('Your calendar feed URL').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const feed = await page.request.get(url);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain(`SUMMARY:${title}`);
});
