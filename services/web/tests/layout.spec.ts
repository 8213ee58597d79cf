import { expect, test } from '@playwright/test';
import { expectAccessible, PASSWORD, screenshot, uniqueEmail } from './helpers';

test.use({ viewport: { width: 375, height: 740 }, timezoneId: 'Asia/Kolkata' });

test('a person signs up with the keyboard alone on a phone-sized screen, and nothing overflows', async ({ page }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign up' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Display name')).toBeFocused();
  await page.keyboard.type('Priya');
  await page.keyboard.press('Tab');
  await page.keyboard.type(uniqueEmail('priya'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Time zone')).toBeFocused();
  // The browser's zone is preselected; Chromium's ICU still names this one Calcutta.
  await expect(page.getByLabel('Time zone')).toHaveValue(/^Asia\/(Kolkata|Calcutta)$/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeFocused();
  await page.getByRole('link', { name: 'Create a group' }).press('Enter');
  await page.getByLabel('Name', { exact: true }).fill(`Phone katas ${Date.now()}`);
  await page.getByLabel('Name', { exact: true }).press('Enter');
  await expect(page.getByText('you are owner')).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await screenshot(page, 'phone-group');
});
