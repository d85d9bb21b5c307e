import { expect, test, type Page } from '@playwright/test';
import { ADMIN, shot, signIn, waitForHydration } from './helpers';
import { addMember, ALL_SCOPES, assignAppToUser, createApp, createGroup, createUser, serviceApp } from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// Okta's System Log in the console (issue 17): the History panels of a group, a user and an app, each change
// attributed to this console or elsewhere (the simulator's control plane stands in for Okta's Admin Console), and
// the per-integration feed of changes made outside the console with its filters and CSV export.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const groupName = `History group ${run}`;
const appLabel = `History app ${run}`;
const mine = `hana.${run}@example.com`;
const theirs = `theo.${run}@example.com`;
let base = '';
let groupId = '';
let appId = '';

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

async function addThroughConsole(page: Page) {
  await page.goto(`${base}/groups/${groupId}`);
  await waitForHydration(page, '[role="combobox"]');
  await page.getByRole('combobox', { name: 'Add member' }).fill(mine);
  await page
    .getByRole('option', { name: new RegExp(mine.replace(/\./g, '\\.')) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByText(`${mine} added to ${groupName}.`)).toBeVisible();
}

test('connect an org that grants okta.logs.read; the test lists the System Log as passed', async ({ page }) => {
  groupId = (await createGroup(groupName)).id;
  appId = (await createApp(appLabel)).id;
  await createUser(mine, 'Hana', 'History');
  const app = await serviceApp({ scopes: [...ALL_SCOPES, 'okta.logs.read'] });
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `History org ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  const logs = page.getByRole('list', { name: 'Connection checks' }).getByRole('listitem').filter({
    hasText: 'System Log (optional)',
  });
  await expect(logs).toContainText('okta.logs.read granted');
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Directory' }).first().click();
  await page.getByRole('link', { name: `History org ${run}` }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  base = new URL(page.url()).pathname;
});

test('a group’s History shows this console’s change and one made elsewhere, newest first', async ({ page }) => {
  await addThroughConsole(page);
  const theo = await createUser(theirs, 'Theo', 'Elsewhere');
  await addMember(groupId, theo.id); // the Admin Console
  await assignAppToUser(appId, theo.id);
  await page.goto(`${base}/groups/${groupId}`);
  const history = page.getByRole('region', { name: 'History' });
  // Okta's log (and the console's brief cache of it) lags a change: reload until both changes are listed.
  await expect(async () => {
    await page.reload();
    await expect(history.getByRole('row')).toHaveCount(3, { timeout: 1_000 }); // header + two changes
  }).toPass({ timeout: 60_000 });
  const rows = history.getByRole('row');
  await expect(rows.nth(1)).toContainText(`${theirs} added to ${groupName}`);
  await expect(rows.nth(1)).toContainText('Elsewhere');
  await expect(rows.nth(1)).toContainText('Okta Admin');
  await expect(rows.nth(2)).toContainText(`${mine} added to ${groupName}`);
  await expect(rows.nth(2)).toContainText('This console');
  await expect(rows.nth(2).getByRole('link', { name: 'audit event' })).toBeVisible();
  await shot(page, 'history-group');
  await expectAccessible(page);
});

test('a user’s and an app’s History', async ({ page }) => {
  await page.goto(`${base}?kind=users`);
  await page.getByLabel('Search people').fill('theo.');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: theirs }).click();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText(`${appLabel} assigned to ${theirs}`)).toBeVisible();
  await expect(history.getByText(`${theirs} added to ${groupName}`)).toBeVisible();
  await shot(page, 'history-user');
  await expectAccessible(page);
  await history.getByRole('link', { name: appLabel }).click();
  await expect(
    page.getByRole('region', { name: 'History' }).getByText(`${appLabel} assigned to ${theirs}`),
  ).toBeVisible();
  await expectAccessible(page);
});

test('Changes made outside the console: filters and CSV export', async ({ page }) => {
  await page.goto(base);
  await page
    .getByRole('navigation', { name: 'Directory sections' })
    .getByRole('link', { name: 'Outside changes' })
    .click();
  await expect(page.getByRole('heading', { name: 'Changes made outside the console' })).toBeVisible();
  const feed = page.getByRole('region', { name: 'Changes made outside the console' });
  await expect(feed.getByText(`${theirs} added to ${groupName}`)).toBeVisible();
  await expect(feed.getByText(`${mine} added to ${groupName}`)).toHaveCount(0);
  await page.getByLabel('App (Okta id)').fill(appId);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(feed.getByText(`${appLabel} assigned to ${theirs}`)).toBeVisible();
  await expect(feed.getByText(`${theirs} added to ${groupName}`)).toHaveCount(0);
  await shot(page, 'history-outside-feed');
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString('utf8');
  expect(text).toContain('time,what,event_type,user_id');
  expect(text).toContain(`assigned,application.user_membership.add,`);
  expect(text).not.toContain(mine);
});
