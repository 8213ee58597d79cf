import { expect, test } from '@playwright/test';
import { createGroup, expectAccessible, screenshot, signUp, submitOnceNotesKnowsTheGroup } from './helpers';

test('a note written in Markdown is previewed, posted with highlighted code, found by search and tag, and edited into a second revision', async ({ page }) => {
  const word = `zebra${Date.now()}`;
  await signUp(page, 'Noa');
  await createGroup(page, `Notes ${Date.now()}`);
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByRole('link', { name: 'Write a note' }).click();
  await page.getByLabel('Title').fill('Binary search');
  await page.getByLabel('Tags (optional)').fill('Arrays, search');
  await page.getByLabel('Note', { exact: true }).fill(`Halve the range (${word}).\n\n\`\`\`java\nint mid = (lo + hi) >>> 1;\n\`\`\`\n`);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview of note' });
  await expect(preview.getByRole('code')).toHaveText('int mid = (lo + hi) >>> 1;');
  await expectAccessible(page);
  await screenshot(page, 'note-preview');
  await page.getByRole('button', { name: 'Write' }).click();

  await submitOnceNotesKnowsTheGroup(page, 'Post note', 'Binary search');
  await expect(page.locator('article pre code')).toHaveAttribute('data-highlighted', 'yes');
  await expect(page.getByRole('list', { name: 'Tags' })).toHaveText(/arrays\s*search/);
  await expectAccessible(page);
  await screenshot(page, 'note');

  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByLabel('Search notes').fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('list', { name: 'Notes' }).getByRole('heading')).toHaveText(['Binary search']);
  await page.getByRole('link', { name: 'arrays' }).click();
  await expect(page.getByText('Tagged arrays')).toBeVisible();
  await page.getByRole('link', { name: 'Binary search' }).click();

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('Binary search, step by step');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Binary search, step by step' })).toBeVisible();
  await page.getByRole('button', { name: 'Show revisions (2)' }).click();
  await expect(page.getByText(/Revision 2: “Binary search, step by step”/)).toBeVisible();
  await expect(page.getByText(/Revision 1: “Binary search”/)).toBeVisible();
});
