import { expect, test } from '@playwright/test';
import { bell, createGroup, dayFromNow, expectAccessible, joinGroup, personIn, screenshot, signUp } from './helpers';

test('an organizer in Berlin proposes times, a New York member answers in their zone, the organizer sets a weekly time and the session exists', async ({ browser }) => {
  const organizer = await personIn(browser, 'Europe/Berlin');
  const member = await personIn(browser, 'America/New_York');
  const groupName = `Polls ${Date.now()}`;
  const title = 'Pairing on the parser';

  await signUp(organizer, 'Olga');
  await createGroup(organizer, groupName);
  const groupUrl = new URL(organizer.url()).pathname;
  await signUp(member, 'Mo');
  await joinGroup(member, groupUrl);
  await expect(bell(member, 0)).toBeVisible();

  await organizer.reload();
  await expect(organizer.getByText('No polls yet.')).toBeVisible();
  await organizer.getByRole('link', { name: 'Propose times' }).click();
  await expect(organizer.getByRole('heading', { level: 1, name: 'Propose times' })).toBeVisible();
  await expect(organizer.getByLabel('Time zone of the times')).toHaveValue('Europe/Berlin');
  await organizer.getByLabel('Title').fill(title);
  await organizer.getByLabel('Slot 1 starts (date and time)').fill(`${dayFromNow(10)}T18:00`);
  await organizer.getByLabel('Slot 1 duration (minutes)').fill('90');
  await organizer.getByLabel('Slot 2 starts (date and time)').fill(`${dayFromNow(11)}T18:00`);
  await organizer.getByLabel('Slot 2 duration (minutes)').fill('90');
  await organizer.getByRole('button', { name: 'Add a slot' }).click();
  await expect(organizer.getByLabel('Slot 3 starts (date and time)')).toBeFocused();
  await expect(organizer.getByLabel('Slot 3 duration (minutes)')).toHaveValue('90');
  await organizer.getByLabel('Slot 3 starts (date and time)').fill(`${dayFromNow(12)}T07:30`);
  await organizer.getByLabel('Answers wanted by (date and time)').fill(`${dayFromNow(9)}T12:00`);
  await expectAccessible(organizer);
  await screenshot(organizer, 'poll-new');
  await organizer.getByRole('button', { name: 'Send the poll' }).click();
  await expect(organizer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(organizer.getByRole('list', { name: 'Proposed times' }).getByRole('listitem')).toHaveCount(3);

  // The member is asked, and answers in their own zone.
  await expect(bell(member, 1)).toBeVisible();
  await member.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await member.getByRole('link', { name: `When can you meet? ${title}` }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const memberSlots = member.getByRole('list', { name: 'Proposed times' }).getByRole('listitem');
  await expect(memberSlots).toHaveCount(3);
  await expect(memberSlots.first().getByRole('heading', { level: 3 })).toHaveText(/1[23]:00–1[34]:30 \(New York\)$/);
  await expect(memberSlots.first()).toContainText('18:00–19:30 (Berlin)');
  await expect(member.getByRole('heading', { name: 'Set the time' })).toHaveCount(0);
  await memberSlots.nth(0).getByRole('radio', { name: 'Yes', exact: true }).check();
  await memberSlots.nth(1).getByRole('radio', { name: 'If need be', exact: true }).check();
  await memberSlots.nth(2).getByRole('radio', { name: 'No', exact: true }).check();
  await member.getByRole('button', { name: 'Save answers' }).click();
  await expect(member.getByText('Your answers are saved.')).toBeVisible();
  await expect(memberSlots.nth(0).getByRole('term')).toHaveText(['Yes (1)', 'If need be (0)', 'No (0)']);
  await expect(memberSlots.nth(0).getByRole('definition').first()).toHaveText('Mo');
  await expect(memberSlots.nth(2).getByRole('term').last()).toHaveText('No (1)');
  await expectAccessible(member);
  await screenshot(member, 'poll-answer');
  await member.reload();
  await expect(memberSlots.nth(1).getByRole('radio', { name: 'If need be', exact: true })).toBeChecked();

  // The organizer sees who answered, and sets the time on the slot most can come to.
  await organizer.reload();
  const organizerSlots = organizer.getByRole('list', { name: 'Proposed times' }).getByRole('listitem');
  await expect(organizerSlots.first()).toContainText('Mo');
  await expect(organizer.getByText('1 member has answered.')).toBeVisible();
  const time = organizer.getByLabel('Time', { exact: true });
  await expect(time.locator('option:checked')).toHaveText(/18:00–19:30 \(Berlin\): 1 yes, 0 if need be, 0 no$/);
  await expectAccessible(organizer);
  await screenshot(organizer, 'poll');
  await organizer.getByLabel('Repeat').selectOption('WEEKLY');
  await organizer.getByLabel('Number of sessions').fill('4');
  await organizer.getByRole('button', { name: 'Set the time' }).click();
  await expect(organizer.getByText('The time is set')).toBeVisible();
  await expect(organizer.getByRole('button', { name: 'Set the time' })).toHaveCount(0);
  await expect(organizer.getByRole('radio')).toHaveCount(0);
  await expectAccessible(organizer);
  await screenshot(organizer, 'poll-closed');
  await organizer.getByRole('link', { name: 'Go to the session' }).click();
  await expect(organizer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(organizer.getByText('Every week, 4 times')).toBeVisible();
  await expect(organizer.getByRole('definition').filter({ hasText: 'Berlin' })).toHaveText(/18:00 \(Berlin\)$/);

  // The member finds the poll closed, on its page and in the group's list, and reaches the session.
  await member.goto(groupUrl);
  const poll = member.getByRole('list', { name: 'Polls' }).getByRole('listitem').filter({ hasText: title });
  await expect(poll).toContainText('Time set');
  await poll.getByRole('link', { name: title }).click();
  await expect(member.getByText('The time is set')).toBeVisible();
  await expect(member.getByRole('radio')).toHaveCount(0);
  await member.getByRole('link', { name: 'Go to the session' }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.getByRole('button', { name: 'Going', exact: true })).toBeVisible();
});

test('proposed times the API refuses show its error under the slot it names: one in the past, then a duplicate', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  await signUp(page, 'Pia');
  await createGroup(page, `Poll rules ${Date.now()}`);
  await page.getByRole('link', { name: 'Propose times' }).click();
  await page.getByLabel('Title').fill('Code review club');
  await page.getByLabel('Slot 1 starts (date and time)').fill(`${dayFromNow(5)}T18:00`);
  await page.getByLabel('Slot 2 starts (date and time)').fill('2020-01-01T10:00');
  await page.getByLabel('Answers wanted by (date and time)').fill(`${dayFromNow(4)}T12:00`);
  await page.getByRole('button', { name: 'Send the poll' }).click();

  const secondStart = page.getByLabel('Slot 2 starts (date and time)');
  await expect(secondStart).toHaveAttribute('aria-invalid', 'true');
  await expect(secondStart).toHaveAccessibleDescription(/is in the past/);
  await expect(page.getByLabel('Slot 1 starts (date and time)')).not.toHaveAttribute('aria-invalid', 'true');

  await secondStart.fill(`${dayFromNow(6)}T18:00`);
  await page.getByRole('button', { name: 'Add a slot' }).click();
  await page.getByLabel('Slot 3 starts (date and time)').fill(`${dayFromNow(5)}T18:00`);
  await page.getByRole('button', { name: 'Send the poll' }).click();
  await expect(page.getByText('Slot 3 is the same as slot 1')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Remove slot 3' }).click();
  await expect(page.getByLabel('Slot 3 starts (date and time)')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send the poll' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Code review club' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Proposed times' }).getByRole('listitem')).toHaveCount(2);
});
