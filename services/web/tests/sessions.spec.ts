import { expect, test, type Page } from '@playwright/test';
import { bell, expectAccessible, personIn, screenshot, signUp } from './helpers';

async function joinThroughLink(page: Page, name: string, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await signUp(page, name, new URL(page.url()).pathname + new URL(page.url()).search);
  await page.getByRole('button', { name: 'Join the group' }).click();
  await expect(page.getByText('you are member')).toBeVisible();
}

test('a weekly session scheduled in Berlin reaches a New York member live, in their zone, and the waitlist moves', async ({ browser }) => {
  const organizer = await personIn(browser, 'Europe/Berlin');
  const member = await personIn(browser, 'America/New_York');
  const other = await personIn(browser, 'Europe/London');
  const groupName = `Parsers ${Date.now()}`;
  const title = 'Mob programming: parser combinators';

  await signUp(organizer, 'Olga');
  await organizer.getByRole('link', { name: 'Create a group' }).click();
  await organizer.getByLabel('Name', { exact: true }).fill(groupName);
  await organizer.getByLabel(/^Private:/).check();
  await organizer.getByRole('button', { name: 'Create group' }).click();
  await organizer.getByRole('button', { name: 'Create an invite link' }).click();
  const link = await organizer.getByLabel(/^Invite link/).inputValue();
  await joinThroughLink(member, 'Mo', link);
  await joinThroughLink(other, 'Lin', link);
  await expect(bell(member, 0)).toBeVisible();

  await organizer.reload();
  await organizer.getByRole('link', { name: 'Schedule a session' }).click();
  await expect(organizer.getByLabel('Time zone of the start')).toHaveValue('Europe/Berlin');
  const day = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await organizer.getByLabel('Title').fill(title);
  await organizer.getByLabel('Starts (date and time)').fill(`${day}T18:00`);
  await organizer.getByLabel('Duration (minutes)').fill('90');
  await organizer.getByLabel('Places (optional)').fill('1');
  await organizer.getByLabel('Meeting link (optional)').fill('https://meet.example.org/parsers');
  await organizer.getByLabel('Repeat').selectOption('WEEKLY');
  await expectAccessible(organizer);
  await screenshot(organizer, 'session-new');
  await organizer.getByRole('button', { name: 'Schedule session' }).click();
  await expect(organizer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(organizer.getByText('Every week, 6 times')).toBeVisible();

  await expect(bell(member, 1)).toBeVisible();
  await member.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await member.getByRole('button', { name: `Mark as read: New session in ${groupName}: ${title}` }).click();
  await expect(bell(member, 0)).toBeVisible();
  await member.getByRole('link', { name: `New session in ${groupName}: ${title}` }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const facts = member.getByRole('definition');
  await expect(facts.filter({ hasText: 'New York' })).toHaveText(/1[23]:00 \(New York\)$/);
  await expect(facts.filter({ hasText: 'Berlin' })).toHaveText(/18:00 \(Berlin\)$/);

  await other.goto(member.url());
  await other.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(other.getByText('You are going.')).toBeVisible();

  await member.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(member.getByText('The session is full: you are number 1 on the waiting list.')).toBeVisible();
  await expect(member.getByRole('button', { name: 'Going', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(member);
  await screenshot(member, 'session-waitlisted');

  await other.getByRole('button', { name: 'Not going' }).click();
  await expect(other.getByText('You are not going.')).toBeVisible();
  await expect(bell(member, 1)).toBeVisible();
  await member.reload();
  await expect(member.getByText('You are going.')).toBeVisible();
});

test('a session starting in the past is refused with the API’s error next to the start field', async ({ page }) => {
  await signUp(page, 'Sam');
  await page.getByRole('link', { name: 'Create a group' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`Katas ${Date.now()}`);
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('link', { name: 'Schedule a session' }).click();
  await page.getByLabel('Title').fill('Untimed');
  await page.getByLabel('Starts (date and time)').fill('2020-01-01T10:00');
  await page.getByRole('button', { name: 'Schedule session' }).click();

  await expect(page.getByLabel('Starts (date and time)')).toHaveAccessibleDescription(/is in the past/);
});
