import { expect, test, type Page } from '@playwright/test';
import {
  createGroup, dayFromNow, expectAccessible, groupIdOf, joinAndGo, personIn, registerThroughApi, scheduleSession,
  screenshot, signUp,
} from './helpers';

/** The session id of the session page `page` is on. */
const sessionIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2];

test('a member sets a pairing profile; an error shows next to the field it names, and a reload keeps the profile', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  await signUp(page, 'Paz');
  await page.goto('/notifications/preferences');
  await page.getByRole('link', { name: 'Pairing profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pairing profile' })).toBeVisible();
  await expect(page.getByText('No free hours given')).toBeVisible();

  await page.getByLabel('Languages').fill('TypeScript, Rust!');
  await page.getByLabel('Level').selectOption('4');
  await page.getByRole('button', { name: 'Add free time' }).click();
  const first = page.getByRole('group', { name: 'Free time 1' });
  await first.getByLabel('Day').selectOption('MONDAY');
  await first.getByLabel('From').selectOption('18');
  await first.getByLabel('Until').selectOption('20');
  await page.getByRole('button', { name: 'Add free time' }).click();
  const second = page.getByRole('group', { name: 'Free time 2' });
  await expect(second.getByLabel('Day')).toBeFocused();
  await second.getByLabel('Day').selectOption('TUESDAY');
  await second.getByLabel('From').selectOption('9');
  await second.getByLabel('Until').selectOption('8');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(second.getByLabel('Until')).toHaveAccessibleDescription('must be after the start');
  await expect(second.getByLabel('Until')).toHaveAttribute('aria-invalid', 'true');

  await second.getByLabel('Until').selectOption('11');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByLabel('Languages')).toHaveAccessibleDescription(/value 2: must be letters, digits, spaces or \+ # \. -/);
  await expect(second.getByLabel('Until')).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await screenshot(page, 'pairing-profile');

  await page.getByLabel('Languages').fill('TypeScript, Rust, C#');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByLabel('Languages')).toHaveValue('c#, rust, typescript');

  await page.reload();
  await expect(page.getByLabel('Languages')).toHaveValue('c#, rust, typescript');
  await expect(page.getByLabel('Level')).toHaveValue('4');
  await expect(page.getByRole('group', { name: /^Free time/ })).toHaveCount(2);
  await expect(first.getByLabel('Day')).toHaveValue('MONDAY');
  await expect(first.getByLabel('From')).toHaveValue('18');
  await expect(first.getByLabel('Until')).toHaveValue('20');
  await expect(second.getByLabel('Day')).toHaveValue('TUESDAY');
  await expect(second.getByLabel('From')).toHaveValue('9');
  await expect(second.getByLabel('Until')).toHaveValue('11');
});

test('an organizer makes a session a pair session, sees the proposed pairs of the members going and sets them', async ({ browser }) => {
  const organizer = await personIn(browser, 'Europe/Berlin');
  await signUp(organizer, 'Odile');
  await createGroup(organizer, `Pairs ${Date.now()}`);
  const groupId = groupIdOf(organizer);
  await scheduleSession(organizer, { title: 'Pairing on katas', start: `${dayFromNow(3)}T18:00`, timeZone: 'Europe/Berlin' });
  const sessionId = sessionIdOf(organizer);
  await organizer.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(organizer.getByText('You are going.')).toBeVisible();
  for (const [name, languages] of [['Ana', ['python']], ['Ben', ['python', 'go']], ['Cy', ['rust']]] as const) {
    const member = await registerThroughApi(organizer.request, name);
    await member.call('PUT', '/api/v1/me/pairing-profile', { languages, level: 3, free: [] });
    await joinAndGo(member, groupId, sessionId);
  }

  const section = organizer.getByRole('region', { name: 'Pairs / mob' });
  await expect(section.getByText('This session is run neither in pairs nor as a mob.')).toBeVisible();
  await section.getByLabel('In pairs').check();
  await section.getByRole('button', { name: 'Save format' }).click();
  await expect(section.getByText('This session is run in pairs')).toBeVisible();

  const pairs = section.getByRole('list', { name: /^Pairs on / });
  await expect(section.getByText('Proposed: not set yet.')).toBeVisible();
  await expect(pairs.getByRole('listitem')).toHaveCount(2);
  for (const name of ['Odile', 'Ana', 'Ben', 'Cy']) await expect(pairs).toContainText(name);
  await expect(pairs).toContainText('Ana, Ben'); // the two who share a language
  await expectAccessible(organizer);
  await screenshot(organizer, 'session-pairs');

  // Moving someone out of pair 2 leaves a pair of one, which the API refuses and names.
  await pairs.getByRole('listitem').nth(1).getByRole('combobox').first().selectOption({ label: 'Pair 1' });
  await expect(pairs.getByRole('listitem').nth(0)).toContainText('Trio 1');
  await section.getByRole('button', { name: 'Set these pairs' }).click();
  await expect(pairs.getByRole('listitem').nth(1)).toContainText('must have 2 or 3 members');
  await section.getByRole('button', { name: 'Undo changes' }).click();
  await expect(pairs.getByRole('listitem').nth(0)).toContainText('Pair 1');
  await section.getByRole('button', { name: 'Set these pairs' }).click();
  await expect(section.getByText('Set by an organizer.')).toBeVisible();

  await organizer.reload();
  await expect(section.getByText('Set by an organizer.')).toBeVisible();
  await expect(pairs.getByRole('listitem')).toHaveCount(2);
  await expect(section.getByRole('link', { name: 'pairing profiles' })).toHaveAttribute('href', '/pairing-profile');
});

test('an organizer publishes the driver rotation of a mob session; the turns show in the viewer’s zone', async ({ browser }) => {
  const organizer = await personIn(browser, 'America/New_York');
  await signUp(organizer, 'Mara');
  await createGroup(organizer, `Mob ${Date.now()}`);
  const groupId = groupIdOf(organizer);
  await scheduleSession(organizer, { title: 'Mob on the parser', start: `${dayFromNow(3)}T18:00`, timeZone: 'Europe/Berlin' });
  const sessionId = sessionIdOf(organizer);
  await organizer.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(organizer.getByText('You are going.')).toBeVisible();
  for (const name of ['Dov', 'Eli']) await joinAndGo(await registerThroughApi(organizer.request, name), groupId, sessionId);

  const section = organizer.getByRole('region', { name: 'Pairs / mob' });
  await section.getByLabel('As a mob, one driver at a time').check();
  await section.getByLabel('Driver turn (minutes)').fill('15');
  await section.getByRole('button', { name: 'Save format' }).click();
  await expect(section.getByText('This session is run as a mob: the driver changes every 15 minutes.')).toBeVisible();
  await expect(section.getByText('Not published yet')).toBeVisible();

  const turns = section.getByRole('list', { name: /^Driver turns on / });
  await expect(turns.getByRole('listitem')).toHaveCount(6); // 90 minutes, a turn every 15
  // 18:00 in Berlin is noon in New York (11:00 while only one of them keeps summer time)
  await expect(turns.getByRole('listitem').first()).toHaveText(/^1[12]:00–1[12]:15 \(New York\) (Mara|Dov|Eli)$/);
  await section.getByRole('button', { name: 'Publish the rotation' }).click();
  await expect(section.getByText('Published: each driver is notified at their turn.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Publish the rotation again' })).toBeVisible();
  await expectAccessible(organizer);
  await screenshot(organizer, 'session-mob');

  await organizer.reload();
  await expect(section.getByText('Published: each driver is notified at their turn.')).toBeVisible();
  const drivers = await turns.getByRole('listitem').allInnerTexts();
  expect(drivers).toHaveLength(6);
  for (const name of ['Mara', 'Dov', 'Eli']) expect(drivers.filter((turn) => turn.endsWith(name))).toHaveLength(2);
});
