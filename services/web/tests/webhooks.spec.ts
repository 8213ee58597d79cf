import { expect, test, type Page } from '@playwright/test';
import { createGroup, expectAccessible, groupIdOf, joinGroup, personIn, screenshot, signUp } from './helpers';

// Registering resolves the URL's host, and this machine may have no DNS: the webhooks that are
// registered are on a public IP literal. Nothing is posted to them as long as no news of the kinds
// they receive happens in their group, which these tests avoid (no session, note or new member there).
const ENDPOINT = 'https://93.184.216.34/hooks/nexus';
const OTHER_ENDPOINT = 'https://93.184.216.34/hooks/other';

/**
 * Opens the group's webhooks from its page. Notifications learns of a new group through the broker
 * and answers that it does not know it until then, so the list is loaded again until it shows.
 */
async function openWebhooks(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Manage webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await expect(async () => {
    if (await page.getByRole('alert').isVisible()) await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'Registered webhooks' })).toBeVisible({ timeout: 2_000 });
  }).toPass();
}

const entryOf = (page: Page, url: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: url, exact: true }) });

test('an organizer registers a signed webhook, sees its secret once and rotates it; refused URLs and kinds show under their fields', async ({ browser }) => {
  const page = await personIn(browser, 'Europe/Berlin');
  await signUp(page, 'Wanda');
  await createGroup(page, `Hooks ${Date.now()}`);
  await openWebhooks(page);
  await expect(page.getByText('No webhooks yet.')).toBeVisible();

  // refused before sending: not https, no kind
  const url = page.getByLabel('URL', { exact: true });
  const kinds = page.getByRole('group', { name: 'News it receives' });
  await url.fill('http://93.184.216.34/hooks/nexus');
  for (const kind of await kinds.getByRole('checkbox').all()) await kind.uncheck();
  await page.getByRole('button', { name: 'Register webhook' }).click();
  await expect(url).toHaveAccessibleDescription(/must be an https URL$/);
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(kinds).toHaveAccessibleDescription('At least one. choose at least one');

  // refused by the API, under the field it names
  await kinds.getByLabel('A session is scheduled').check();
  await kinds.getByLabel('A note is posted').check();
  await url.fill(ENDPOINT);
  await page.getByRole('button', { name: 'Register webhook' }).click();
  await expect(url).toHaveAccessibleDescription(/must be on an allowed host \(discord\.com/);
  await expect(kinds).toHaveAccessibleDescription('At least one.');
  await page.getByLabel('Signed CloudEvents endpoint').check();
  await url.fill('https://127.0.0.1/x');
  await page.getByRole('button', { name: 'Register webhook' }).click();
  await expect(url).toHaveAccessibleDescription(/resolves to a private, loopback or link-local address \(127\.0\.0\.1\)$/);

  await url.fill(ENDPOINT);
  await page.getByRole('button', { name: 'Register webhook' }).click();
  await expect(page.getByText('Registered: copy its signing secret above.')).toBeVisible();
  await expect(url).toHaveValue('');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  const entry = entryOf(page, ENDPOINT);
  await expect(entry).toContainText('Signed CloudEvents endpoint');
  await expect(entry).toContainText('A session is scheduled, A note is posted');
  await expect(entry).toContainText('(Berlin)');
  await expect(entry).toContainText('Active');
  const secretField = entry.getByLabel('Signing secret');
  await expect(secretField).toBeFocused();
  await expect(secretField).toHaveAccessibleDescription(/^Copy it now: it will not be shown again\./);
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await entry.getByRole('button', { name: 'Copy secret' }).click();
  await expect(entry.getByText('Secret copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expect(entry).toContainText('webhook-signature');
  await expectAccessible(page);
  await screenshot(page, 'webhooks');

  // the list never shows a secret again
  await page.reload();
  await expect(entry).toBeVisible();
  await expect(page.getByLabel('Signing secret')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(secret);

  await entry.getByRole('button', { name: `Rotate secret ${ENDPOINT}` }).click();
  const newSecretField = entry.getByLabel('New signing secret');
  await expect(newSecretField).toBeFocused();
  await expect(newSecretField).toHaveAccessibleDescription(/For one day the previous secret signs each post too/);
  const rotated = await newSecretField.inputValue();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
});

test('an organizer registers a webhook and deletes it after confirming', async ({ browser }) => {
  const page = await personIn(browser, 'America/New_York');
  await signUp(page, 'Dario');
  await createGroup(page, `Hooks ${Date.now()}`);
  await openWebhooks(page);
  await page.getByLabel('Signed CloudEvents endpoint').check();
  for (const endpoint of [ENDPOINT, OTHER_ENDPOINT]) {
    await page.getByLabel('URL', { exact: true }).fill(endpoint);
    await page.getByRole('button', { name: 'Register webhook' }).click();
    await expect(entryOf(page, endpoint)).toBeVisible();
  }
  const other = entryOf(page, OTHER_ENDPOINT);
  await expect(other).toContainText('A session is scheduled, A session is moved, A session is cancelled, A note is posted, Someone joins the group');
  await expect(other).toContainText('(New York)');

  await other.getByRole('button', { name: `Delete ${OTHER_ENDPOINT}`, exact: true }).click();
  await expect(other.getByRole('button', { name: `Yes, delete ${OTHER_ENDPOINT}` })).toBeFocused();
  await other.getByRole('button', { name: 'Keep it' }).click();
  await other.getByRole('button', { name: `Delete ${OTHER_ENDPOINT}`, exact: true }).click();
  await other.getByRole('button', { name: `Yes, delete ${OTHER_ENDPOINT}` }).click();
  await expect(page.getByText(`The webhook to ${OTHER_ENDPOINT} is deleted.`)).toBeVisible();
  await expect(other).toHaveCount(0);
  await expect(entryOf(page, ENDPOINT)).toBeVisible();

  await page.reload();
  await expect(entryOf(page, ENDPOINT)).toBeVisible();
  await expect(other).toHaveCount(0);
});

test('a plain member has no link to the webhooks, and the page tells a member and a non-member why it shows none', async ({ browser }) => {
  const organizer = await personIn(browser, 'Europe/Berlin');
  await signUp(organizer, 'Olga');
  await createGroup(organizer, `No hooks ${Date.now()}`);
  const groupUrl = organizer.url();
  const webhooksUrl = `/groups/${groupIdOf(organizer)}/webhooks`;
  await expect(organizer.getByRole('link', { name: 'Manage webhooks' })).toHaveAttribute('href', webhooksUrl);

  const member = await personIn(browser, 'Europe/Berlin');
  await signUp(member, 'Milo');
  await member.goto(webhooksUrl);
  await expect(member.getByRole('alert')).toHaveText('No such group, or you are not a member of it.');
  await expect(member.getByRole('button', { name: 'Register webhook' })).toHaveCount(0);

  await joinGroup(member, groupUrl);
  await expect(member.getByRole('link', { name: 'Manage webhooks' })).toHaveCount(0);
  // notifications learns of the new member through the broker: until then it is a non-member there
  await expect(async () => {
    await member.goto(webhooksUrl);
    await expect(member.getByRole('alert')).toHaveText('Only the group\'s owner and organizers manage its webhooks.', { timeout: 2_000 });
  }).toPass();
  await expect(member.getByRole('button', { name: 'Register webhook' })).toHaveCount(0);
  await expect(member.getByRole('link', { name: 'Back to the group' }).or(member.getByRole('link', { name: /^No hooks / }))).toBeVisible();
});
