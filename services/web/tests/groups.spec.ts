import { expect, test, type Page } from '@playwright/test';
import { bell, expectAccessible, personIn, screenshot, signUp } from './helpers';

async function createGroup(page: Page, name: string, visibility: 'Public' | 'Private'): Promise<void> {
  await page.getByRole('link', { name: 'Create a group' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description (optional)').fill('We solve one kata a week, together.');
  await page.getByLabel(new RegExp(`^${visibility}:`)).check();
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('the organizer invites a member to a private group by link, and the organizer’s bell and inbox show it live', async ({ browser }) => {
  const organizer = await personIn(browser, 'Europe/Berlin');
  const member = await personIn(browser, 'America/New_York');
  const groupName = `Graph night ${Date.now()}`;

  await signUp(organizer, 'Olga');
  await organizer.getByRole('link', { name: 'Create a group' }).click();
  await expect(organizer.getByLabel('Time zone of the group')).toHaveValue('Europe/Berlin');
  await expectAccessible(organizer);
  await screenshot(organizer, 'group-new');
  await organizer.goBack();
  await createGroup(organizer, groupName, 'Private');
  await expect(organizer.getByText('Private', { exact: true })).toBeVisible();

  await organizer.getByRole('button', { name: 'Create an invite link' }).click();
  const link = await organizer.getByLabel(/^Invite link/).inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{16}$/);
  await organizer.getByRole('button', { name: 'Copy link' }).click();
  await expect(organizer.getByText('Link copied.')).toBeVisible();
  expect(await organizer.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(bell(organizer, 0)).toBeVisible();
  await organizer.getByRole('link', { name: 'Notifications, 0 unread' }).click();
  await expect(organizer.getByText('Nothing yet.', { exact: false })).toBeVisible();
  await expectAccessible(organizer);
  await screenshot(organizer, 'notifications-empty');

  await member.goto(link);
  await expect(member.getByRole('heading', { level: 1, name: 'You are invited to a group' })).toBeVisible();
  await expectAccessible(member);
  await screenshot(member, 'invite-logged-out');
  await member.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(member).toHaveURL(/\/signup\?next=%2Finvite%2F/);
  await signUp(member, 'Mo', new URL(member.url()).pathname + new URL(member.url()).search);
  await expectAccessible(member);
  await screenshot(member, 'invite-logged-in');
  await member.getByRole('button', { name: 'Join the group' }).click();
  await expect(member.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
  await expect(member.getByText('you are member')).toBeVisible();

  await expect(bell(organizer, 1)).toBeVisible();
  await expect(organizer.getByRole('heading', { level: 2, name: `Mo joined ${groupName}` })).toBeVisible();
  await expectAccessible(organizer);
  await screenshot(organizer, 'notifications');
  await organizer.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(bell(organizer, 0)).toBeVisible();
  await expect(organizer.getByText('Read ·', { exact: false })).toBeVisible();

  await organizer.getByRole('link', { name: `Mo joined ${groupName}` }).click();
  await expect(organizer.getByRole('list').getByText('Mo', { exact: true })).toBeVisible();
  await expectAccessible(organizer);
  await screenshot(organizer, 'group-owner');

  await organizer.getByLabel('Role of Mo').selectOption('ORGANIZER');
  await organizer.getByRole('button', { name: 'Change role of Mo' }).click();
  await expect(organizer.getByRole('button', { name: 'Change role of Mo' })).toBeDisabled();
  await expect(organizer.getByLabel('Role of Mo')).toHaveValue('ORGANIZER');

  await member.reload();
  await expect(member.getByText('you are organizer')).toBeVisible();
  await expect(member.getByRole('button', { name: /^Change role/ })).toHaveCount(0);
  await expect(member.getByRole('button', { name: 'Remove Olga' })).toHaveCount(0);
  await expectAccessible(member);
  await screenshot(member, 'group-organizer');
});

test('a person finds a public group by searching and joins it; the owner can remove them', async ({ browser }) => {
  const owner = await personIn(browser, 'Asia/Tokyo');
  const learner = await personIn(browser, 'Europe/London');
  const groupName = `Rust katas ${Date.now()}`;

  await signUp(owner, 'Yuki');
  await createGroup(owner, groupName, 'Public');

  await signUp(learner, 'Lee');
  await learner.getByLabel('Search groups by name').fill(groupName.toUpperCase());
  await learner.getByRole('button', { name: 'Search' }).click();
  const results = learner.getByRole('list', { name: 'Groups' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expectAccessible(learner);
  await screenshot(learner, 'groups-search');
  await results.getByRole('link', { name: groupName }).click();
  await expect(learner.getByText('you are not a member')).toBeVisible();
  await expect(learner.getByRole('button', { name: 'Create an invite link' })).toHaveCount(0);
  await learner.getByRole('button', { name: 'Join this group' }).click();
  await expect(learner.getByText('you are member')).toBeVisible();

  await learner.goto('/groups');
  await learner.getByLabel('Search groups by name').fill('no group is called this 4f9c');
  await learner.getByRole('button', { name: 'Search' }).click();
  await expect(learner.getByText('No group has “no group is called this 4f9c” in its name.')).toBeVisible();

  await expect(bell(owner, 1)).toBeVisible();
  await owner.reload();
  await owner.getByRole('button', { name: 'Remove Lee' }).click();
  await expect(owner.getByRole('button', { name: 'Yes, remove Lee' })).toBeFocused();
  await owner.keyboard.press('Enter');
  await expect(owner.getByText('1 member', { exact: false })).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Remove Lee' })).toHaveCount(0);
});

test('a search answered before the full list it replaced keeps showing only its own result', async ({ browser }) => {
  const owner = await personIn(browser, 'Asia/Tokyo');
  const learner = await personIn(browser, 'Europe/London');
  const groupName = `Slow list ${Date.now()}`;
  await signUp(owner, 'Kai');
  await createGroup(owner, groupName, 'Public');
  await owner.goto('/groups');
  await createGroup(owner, `Unrelated ${Date.now()}`, 'Public');
  await signUp(learner, 'Ana');

  // the full list's answer is held back until the search has been answered
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const fullList = (url: URL) => url.pathname === '/api/v1/groups' && !url.searchParams.has('q');
  await learner.route(fullList, async (route) => { await held; await route.continue(); });
  await learner.goto('/groups');
  await learner.getByLabel('Search groups by name').fill(groupName);
  await learner.getByRole('button', { name: 'Search' }).click();
  const results = learner.getByRole('list', { name: 'Groups' });
  await expect(results.getByRole('listitem')).toHaveCount(1);

  const stale = learner.waitForResponse((response) => fullList(new URL(response.url())));
  release();
  await stale;
  await learner.waitForLoadState('networkidle');
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results.getByRole('link', { name: groupName, exact: true })).toBeVisible();
});

test('a member leaves a group after confirming, and it is no longer among their groups', async ({ browser }) => {
  const owner = await personIn(browser, 'Europe/Berlin');
  const member = await personIn(browser, 'Europe/Berlin');
  const groupName = `Leaving ${Date.now()}`;
  await signUp(owner, 'Otto');
  await createGroup(owner, groupName, 'Public');
  await expect(owner.getByRole('button', { name: 'Leave this group' })).toHaveCount(0);

  await signUp(member, 'Mia');
  await member.goto(owner.url());
  await member.getByRole('button', { name: 'Join this group' }).click();
  await member.getByRole('button', { name: 'Leave this group' }).click();
  await member.getByRole('button', { name: `Yes, leave ${groupName}` }).click();
  await expect(member.getByText('You left the group.')).toBeVisible();
  await member.getByLabel('Only groups I belong to').check();
  await expect(member.getByRole('list', { name: 'Groups' })).toHaveCount(0);
  await expect(member.getByText('No groups yet.')).toBeVisible();
});
