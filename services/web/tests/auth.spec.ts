import { expect, test } from '@playwright/test';
import { bell, expectAccessible, PASSWORD, screenshot, signUp, uniqueEmail } from './helpers';

// Every sign-up, login and refresh counts against the gateway's `auth` rate limit (20 a minute
// per address, and every browser here is 127.0.0.1), so these tests use as few as they can.
test.use({ timezoneId: 'Europe/Berlin' });

test('signing up lands the person logged in; they stay logged in after a reload, log out and back in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Code together' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'home');
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
  await expectAccessible(page);
  await screenshot(page, 'signup');

  const email = await signUp(page, 'Ada');

  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Ada');
  await expect(bell(page, 0)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('You are logged out.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
});

test('a too-short password shows the API’s field error next to the password field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Display name').fill('Linus');
  await page.getByLabel('E-mail').fill(uniqueEmail('linus'));
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();

  const password = page.getByLabel('Password');
  await expect(password).toHaveAccessibleDescription(/must be 10 to 72 characters long/);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-mail')).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await screenshot(page, 'signup-field-error');
});

test('a wrong password is refused with the API’s message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(uniqueEmail('nobody'));
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();

  await expect(page.getByRole('alert')).toHaveText('The e-mail address or the password is wrong.');
});

test('an expired access token is refreshed unnoticed; a refused refresh token leads to the login page with a clear message', async ({ page }) => {
  await signUp(page, 'Barbara');
  const before = await page.evaluate(() => JSON.parse(localStorage.getItem('nexus.tokens')!));
  await page.evaluate((tokens) => localStorage.setItem('nexus.tokens', JSON.stringify({ ...tokens, accessToken: 'expired' })), before);

  await page.goto('/groups/new');
  await page.getByLabel('Name', { exact: true }).fill(`Refreshed ${Date.now()}`);
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByText('you are owner')).toBeVisible();
  const after = await page.evaluate(() => JSON.parse(localStorage.getItem('nexus.tokens')!));
  expect(after.refreshToken).not.toBe(before.refreshToken);

  // The token the refresh used up, presented again: identity ends the whole login.
  await page.evaluate((used) => localStorage.setItem('nexus.tokens',
    JSON.stringify({ accessToken: 'expired', refreshToken: used })), before.refreshToken);
  await page.goto('/groups');

  await expect(page).toHaveURL(/\/login\?ended=1/);
  await expect(page.getByText('Your session has ended: it expired or was used elsewhere. Log in again.')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('nexus.tokens'))).toBeNull();
});
