import { expect, test, type Page } from '@playwright/test';
import { bell, createGroup, expectAccessible, joinGroup, personIn, screenshot, signUp, submitOnceNotesKnowsTheGroup } from './helpers';

async function postSolution(page: Page, language: string, body: string): Promise<void> {
  await page.getByLabel('Language').fill(language);
  await page.getByLabel('Solution', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Post solution' }).click();
  await expect(page.getByLabel('Solution', { exact: true })).toHaveValue('');
}

/** notes learns of a new member through the broker and answers "no such problem" until then. */
async function openOnceNotesKnowsTheMember(page: Page, url: string, heading: string): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible({ timeout: 2_000 });
  }).toPass();
}

test('a third member sees the spoiler guard over two solutions until they post their own, then votes; the author accepts one', async ({ browser }) => {
  const [ann, bea, cal] = await Promise.all(['Europe/Berlin', 'Europe/Paris', 'Europe/Rome'].map((zone) => personIn(browser, zone)));
  await signUp(ann, 'Ann');
  await createGroup(ann, `Katas ${Date.now()}`);
  const groupUrl = ann.url();
  await signUp(bea, 'Bea');
  await joinGroup(bea, groupUrl);
  await signUp(cal, 'Cal');
  await joinGroup(cal, groupUrl);

  await ann.goto('/problems/new');
  await ann.getByLabel('Title').fill('Two sum');
  await ann.getByLabel('Statement', { exact: true }).fill('Find two numbers that add up to `target`.');
  await submitOnceNotesKnowsTheGroup(ann, 'Pose the problem', 'Two sum');
  const problemUrl = ann.url();

  await openOnceNotesKnowsTheMember(bea, problemUrl, 'Two sum');
  await postSolution(bea, 'python', 'Bea uses a dict of complements.');
  await postSolution(ann, 'java', 'Ann sorts and walks two pointers.');

  await openOnceNotesKnowsTheMember(cal, problemUrl, 'Two sum');
  const guard = cal.getByRole('note', { name: 'Solutions are hidden' });
  await expect(guard).toContainText('so that they do not spoil the problem for you');
  await expect(cal.getByRole('heading', { name: 'Solutions (2)' })).toBeVisible();
  await expect(cal.getByText('Hidden by the spoiler guard.')).toHaveCount(2);
  await expect(cal.getByText('Bea uses a dict of complements.')).toHaveCount(0);
  await expectAccessible(cal);
  await screenshot(cal, 'problem-spoiler-guard');

  await postSolution(cal, 'go', 'Cal uses a map too.');
  await expect(guard).toHaveCount(0);
  await expect(cal.getByText('Bea uses a dict of complements.')).toBeVisible();
  await expect(cal.getByText('Ann sorts and walks two pointers.')).toBeVisible();
  const beas = cal.getByRole('listitem', { name: 'Bea’s solution' });
  await beas.getByRole('button', { name: 'Vote up Bea’s solution' }).click();
  await expect(beas).toContainText('1 vote');
  await beas.getByRole('button', { name: 'Comments on Bea’s solution' }).click();
  await beas.getByLabel('Comment on Bea’s solution').fill('Neat: one pass.');
  await beas.getByRole('button', { name: 'Post comment' }).click();
  await expect(beas.getByText('Neat: one pass.')).toBeVisible();

  await ann.reload();
  await ann.getByRole('button', { name: 'Accept Bea’s solution' }).click();
  await expect(ann.getByRole('listitem', { name: 'Bea’s solution' })).toContainText('Accepted answer');
  await expectAccessible(ann);
  await screenshot(ann, 'problem');
});

test('an @mention picked from the suggestions reaches the mentioned member’s bell without a reload', async ({ browser }) => {
  const [ann, bea] = await Promise.all(['Europe/Berlin', 'America/New_York'].map((zone) => personIn(browser, zone)));
  await signUp(ann, 'Ann');
  await createGroup(ann, `Mentions ${Date.now()}`);
  const groupUrl = ann.url();
  await ann.goto('/notes/new');
  await ann.getByLabel('Title').fill('Reading list');
  await ann.getByLabel('Note', { exact: true }).fill('SICP, chapter 1.');
  await submitOnceNotesKnowsTheGroup(ann, 'Post note', 'Reading list');
  await signUp(bea, 'Bea');
  await joinGroup(bea, groupUrl);
  await expect(bell(bea, 0)).toBeVisible();

  await ann.reload();
  const box = ann.getByLabel('Comment on the note');
  await box.pressSequentially('Thanks @be');
  await expect(ann.getByRole('option', { name: 'Bea' })).toBeVisible();
  await expectAccessible(ann);
  await screenshot(ann, 'note-mention');
  await box.press('Enter');
  await expect(box).toHaveValue('Thanks @Bea ');
  await box.pressSequentially('what do you think?');
  await ann.getByRole('button', { name: 'Post comment' }).click();
  await expect(ann.getByText('Thanks @Bea what do you think?')).toBeVisible();

  await expect(bell(bea, 1)).toBeVisible();
  await bea.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await bea.getByRole('link', { name: 'Ann mentioned you' }).click();
  await expect(bea.getByRole('heading', { level: 1, name: 'Reading list' })).toBeVisible();
});
