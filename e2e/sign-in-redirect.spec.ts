import { expect, test, type Page } from '@playwright/test';
import { ADMIN, waitForHydration } from './helpers';

// After sign-in the console follows `callbackUrl` only to a path on its own origin (lib/security/redirect):
// each hostile form, typed into the address bar as an attacker would put it in a link, lands on Integrations.
const HOSTILE = [
  '/\\127.0.0.1:7954/x',
  '/%09/127.0.0.1:7954/x',
  '/%2F/127.0.0.1:7954/x',
  '/%252F/127.0.0.1:7954/x',
  '/%5C127.0.0.1:7954/x',
  '%2F%2F127.0.0.1:7954%2Fx',
  '%252F%252F127.0.0.1:7954%252Fx',
  '//127.0.0.1:7954/x',
  'https://127.0.0.1:7954/x',
  'javascript:alert(document.domain)',
];

async function submitSignIn(page: Page) {
  await waitForHydration(page);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

for (const raw of HOSTILE) {
  test(`sign-in with callbackUrl=${raw} stays on the console`, async ({ page, baseURL }) => {
    await page.goto(`/sign-in?callbackUrl=${raw}`);
    await submitSignIn(page);
    await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/integrations`);
    // Signed in already, the sign-in page sends the same link to the same place.
    await page.goto(`/sign-in?callbackUrl=${raw}`);
    await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/integrations`);
  });
}

test('a same-origin callback with its query is followed after sign-in', async ({ page, baseURL }) => {
  await page.goto('/audit?outcome=failure');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faudit%3Foutcome%3Dfailure$/);
  await submitSignIn(page);
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/audit?outcome=failure`);
});
