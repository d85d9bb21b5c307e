import { expect, test } from '@playwright/test';
import { ADMIN, firstRunLinkFromLog, OPERATOR, shot, signIn, signOut } from './helpers';
import { expectAccessible } from './wizard';

// One story, in order: the console starts empty, the first admin is created through the link the
// server printed, and access control is exercised in a real browser.
test.describe.configure({ mode: 'serial' });

test('an anonymous visitor is sent to sign-in', async ({ page }) => {
  await page.goto('/integrations');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fintegrations/);
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  const res = await page.request.get('/settings', { maxRedirects: 0 });
  expect(res.status()).toBe(307);
});

test('a forged first-run link is refused', async ({ page }) => {
  await page.goto('/first-run?token=forged-token-forged-token-forged');
  await expect(page.getByText('This setup link is not valid')).toBeVisible();
});

test('the first admin is created through the one-time link from the server log', async ({ page }) => {
  const link = new URL(firstRunLinkFromLog());
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
  await shot(page, 'first-run');
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByText('Use at least 12 characters')).toBeVisible();
  // What was typed stays, and the rule is said once (the error replaces the hint).
  await expect(page.getByLabel('Your name')).toHaveValue(ADMIN.name);
  await expect(page.getByLabel('Email')).toHaveValue(ADMIN.email);
  await expect(page.getByText(/12 characters/)).toHaveCount(1);
  await shot(page, 'first-run-short-password');
  await expectAccessible(page);

  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The used link says an admin exists and leads to sign-in, not to a server restart.
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { name: 'An admin already exists' })).toBeVisible();
  await expect(page.getByText(/restart/i)).toHaveCount(0);
  await shot(page, 'first-run-used');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a wrong password gets a clear message; the right one signs in and shows the role', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await shot(page, 'sign-in-wrong-password');

  await signIn(page, ADMIN);
  await expect(page.getByLabel('Role: Admin')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Integrations',
    'Directory',
    'Jobs',
    'Audit log',
    'Settings',
  ]);
  await expect(page.getByText('No Okta org connected yet')).toBeVisible();
  await shot(page, 'integrations-empty');
  await signOut(page);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an admin creates an operator, who signs in with the operator role and cannot manage users', async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Name', { exact: true }).fill(OPERATOR.name);
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Initial password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill(OPERATOR.name);
  await page.getByLabel('Email').fill(OPERATOR.email);
  await page.getByLabel('Initial password').fill(OPERATOR.password);
  await page.getByLabel('Role', { exact: true }).selectOption('operator');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('row').filter({ hasText: OPERATOR.email })).toHaveCount(1);
  await shot(page, 'settings-users');

  const ctx = await browser.newContext();
  const op = await ctx.newPage();
  await signIn(op, OPERATOR);
  await expect(op.getByLabel('Role: Operator')).toBeVisible();
  await op.getByRole('link', { name: 'Settings' }).click();
  await expect(op.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(op.getByRole('heading', { name: 'Console users' })).toHaveCount(0);

  // Disabling ends the operator's session on their next request.
  await page.getByRole('button', { name: `Disable ${OPERATOR.email}` }).click();
  await expect(page.getByRole('button', { name: `Enable ${OPERATOR.email}` })).toBeVisible();
  await op.reload();
  await expect(op).toHaveURL(/\/sign-in/);
  await op.getByLabel('Email').fill(OPERATOR.email);
  await op.getByLabel('Password').fill(OPERATOR.password);
  await op.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(op.getByText('This account is disabled')).toBeVisible();
  await ctx.close();
});

test('repeated failed sign-ins lock the account, even for the right password', async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(OPERATOR.email);
    await page.getByLabel('Password').fill(`wrong ${i}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Wrong email or password.')).toBeVisible();
  }
  await page.getByLabel('Email').fill(OPERATOR.email);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Too many failed sign-ins')).toBeVisible();
  await shot(page, 'sign-in-throttled');
});

test('the audit log records sign-ins and user changes', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('cell', { name: 'console_user.disable' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'console_user.create', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'auth.sign_in' }).first()).toBeVisible();
  await shot(page, 'audit-log');
});
