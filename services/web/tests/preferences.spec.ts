import { expect, test } from '@playwright/test';
import { createGroup, expectAccessible, screenshot, signUp } from './helpers';

test('notification preferences are saved and are still there after a reload', async ({ page }) => {
  const groupName = `Quiet ${Date.now()}`;
  await signUp(page, 'Pia');
  await createGroup(page, groupName);
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await page.getByRole('link', { name: 'Preferences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notification preferences' })).toBeVisible();

  await page.getByLabel('A session is scheduled').selectOption('OFF');
  await page.getByLabel('A session you go to is about to start').selectOption('EMAIL');
  await page.getByLabel('E-mails').selectOption('DAILY');
  await page.getByLabel('Reminders before a session you go to (minutes)').fill('0, 30');
  await page.getByLabel('Keep quiet hours').check();
  await page.getByLabel('Quiet from').fill('21:30');
  await page.getByLabel('Quiet until').fill('06:45');
  await expect(page.getByLabel('Hold e-mail and push while I am in a session I go to')).toBeChecked(); // the default
  await page.getByLabel('Hold e-mail and push while I am in a session I go to').uncheck();
  await page.getByLabel(`Mute ${groupName}`).check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByLabel('Reminders before a session you go to (minutes)'))
    .toHaveAccessibleDescription(/value 1: must be 1 to 10080 minutes/);
  await expectAccessible(page);
  await screenshot(page, 'preferences');

  await page.getByLabel('Reminders before a session you go to (minutes)').fill('30, 1440');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByText('Your preferences are saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('A session is scheduled')).toHaveValue('OFF');
  await expect(page.getByLabel('A session you go to is about to start')).toHaveValue('EMAIL');
  await expect(page.getByLabel('A session is cancelled')).toHaveValue('IN_APP');
  await expect(page.getByLabel('E-mails')).toHaveValue('DAILY');
  await expect(page.getByLabel('Reminders before a session you go to (minutes)')).toHaveValue('1440, 30');
  await expect(page.getByLabel('Quiet from')).toHaveValue('21:30');
  await expect(page.getByLabel('Quiet until')).toHaveValue('06:45');
  await expect(page.getByLabel('Hold e-mail and push while I am in a session I go to')).not.toBeChecked();
  await expect(page.getByLabel(`Mute ${groupName}`)).toBeChecked();
});
