import { expect, test, type Page } from '@playwright/test';
import { ADMIN, closeToasts, shot, signIn, waitForHydration } from './helpers';
import { createGroup, createUser, memberIds, serviceApp } from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// Time-bound access in the browser: grant a membership for a few seconds (GRANT_MIN_SECONDS=5, a test-only minimum
// set in playwright.config.ts), see its "until" badge, see the console take it back and the audit log pair the
// grant with its end; then extend and end a grant from the Temporary access page.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const login = `tina.${run}@example.com`;
const groupName = `On call ${run}`;
let base = '';
let tinaId = '';
let groupId = '';

async function pick(page: Page, label: string, text: string) {
  await waitForHydration(page, '[role="combobox"]');
  await page.getByRole('combobox', { name: label }).fill(text);
  await page
    .getByRole('option', { name: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click();
}

async function addMemberUntil(page: Page, ends: string | RegExp, reason: string) {
  await page.goto(`${base}/groups/${groupId}`);
  await pick(page, 'Add member', login);
  await page.getByLabel('Access ends').selectOption({ label: ends as string });
  await page.getByLabel('Reason').fill(reason);
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(
    page.getByText(new RegExp(`${login.replace(/\./g, '\\.')} added to ${groupName}\\. Until .* UTC\\.`)),
  ).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test('connect an org for time-bound access', async ({ page }) => {
  tinaId = (await createUser(login, 'Tina', 'Temporary')).id;
  groupId = (await createGroup(groupName)).id;
  const app = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `Grants org ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Directory' }).first().click();
  await page.getByRole('link', { name: `Grants org ${run}` }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  base = new URL(page.url()).pathname;
});

test('grant a membership for 5 seconds: the badge, the end, and the audit pair', async ({ page }) => {
  await page.goto(`${base}/groups/${groupId}`);
  await pick(page, 'Add member', login);
  await page.getByLabel('Access ends').selectOption({ label: 'After 5 seconds (test only: GRANT_MIN_SECONDS)' });
  // A time-bound grant needs a reason: refused in place, nothing changes.
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(
    page.getByText('Give a reason for the time-bound access: it is kept in the audit log').first(),
  ).toBeVisible();
  expect(await memberIds(groupId)).toEqual([]);
  await page.getByLabel('Reason').fill('E2E short grant');
  await expect(page.getByText(/^Ends .* · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/)).toBeVisible();
  await shot(page, 'grants-form');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByText(new RegExp(`added to ${groupName}\\. Until .* UTC\\.`))).toBeVisible();
  const row = page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: login });
  await expect(row.getByText(/^until \d{4}-\d\d-\d\d \d\d:\d\d UTC/)).toBeVisible();
  await shot(page, 'grants-badge');
  await expectAccessible(page);

  // The expiry worker takes it back (within a few seconds of its end); the page shows it once reloaded.
  await expect.poll(() => memberIds(groupId), { timeout: 60_000 }).toEqual([]);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('link', { name: login })).toHaveCount(0);

  await page.goto(`/audit?target=${encodeURIComponent(login)}`);
  const events = page.getByRole('row');
  await expect(
    events.filter({ hasText: "expiry of ada@example.com's grant" }).filter({ hasText: 'remove_member' }),
  ).toHaveCount(1);
  await expect(events.filter({ hasText: 'add_member' }).filter({ hasText: 'E2E short grant' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Time-bound grant' })).toHaveCount(2);
  await shot(page, 'grants-audit-pair');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Time-bound grant' }).first().click();
  await expect(page.getByRole('heading', { name: 'Temporary access' })).toBeVisible();
  await expect(page.getByText(/Ended .*: Removed/)).toBeVisible();
});

test('extend a grant and end it now from the Temporary access page', async ({ page }) => {
  await addMemberUntil(page, 'After 1 hour', 'E2E extend and end');
  await closeToasts(page);
  await page
    .getByRole('navigation', { name: 'Directory sections' })
    .getByRole('link', { name: 'Temporary access' })
    .click();
  const what = `${login} in ${groupName}`;
  const row = page.getByRole('row').filter({ hasText: what });
  await expect(row.getByText('E2E extend and end')).toBeVisible();
  await shot(page, 'grants-temporary-access');
  await expectAccessible(page);

  await row.getByRole('button', { name: `Extend ${what}` }).click();
  await row.getByLabel('Access ends').selectOption({ label: 'After 1 day' });
  await row.getByRole('button', { name: 'Set new end' }).click();
  await expect(page.getByText(new RegExp(`${what.replace(/\./g, '\\.')} now ends .* UTC\\.`))).toBeVisible();
  await closeToasts(page);

  await row.getByRole('button', { name: `End ${what} now` }).click();
  await expect(page.getByText(`${login} removed from ${groupName}.`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: what })).toHaveCount(0);
  expect(await memberIds(groupId)).toEqual([]);
  await page.getByLabel('Show').selectOption({ label: 'Recently ended' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'E2E extend and end' })
      .getByText(/Ended .*: Removed/),
  ).toBeVisible();
  expect(tinaId).not.toBe('');
});

test('a bulk job gives access until a time: every landed row is a grant', async ({ page }) => {
  const logins = ['a', 'b'].map((x) => `bulk.${x}.${run}@example.com`);
  for (const [i, l] of logins.entries()) await createUser(l, `Bulk${i}`, 'Temporary');
  await page.goto(`${base}/groups/${groupId}`);
  await page.getByRole('link', { name: 'Bulk add or remove…' }).click();
  await expect(page.getByRole('combobox', { name: 'Group' })).toHaveValue(groupName);
  await page.getByLabel('Users').fill(logins.join('\n'));
  await waitForHydration(page, 'select');
  await page.getByLabel('Access ends').selectOption({ label: 'After 4 hours' });
  // A time-bound job needs a reason, like a single grant: refused in place, nothing stored.
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.getByText('Give a reason for the time-bound access: it is kept in the audit log').first(),
  ).toBeVisible();
  await page.getByLabel('Reason').fill('E2E bulk shift');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText(/Time-bound:.*each user.s access ends \d{4}-\d\d-\d\d \d\d:\d\d UTC/)).toBeVisible();
  await shot(page, 'grants-bulk-preview');
  await expectAccessible(page);
  await page.getByRole('button', { name: `Add 2 users to ${groupName}` }).click();
  await expect(page).toHaveURL(/\/jobs\/job_/);
  await expect(page.getByRole('region', { name: 'Progress' }).getByText(/^Done/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Reason: E2E bulk shift')).toBeVisible();

  await page.getByRole('link', { name: 'Temporary access' }).click();
  for (const l of logins) {
    const row = page.getByRole('row').filter({ hasText: `${l} in ${groupName}` });
    await expect(row.getByText('E2E bulk shift')).toBeVisible();
  }
  await shot(page, 'grants-bulk-temporary-access');
});
