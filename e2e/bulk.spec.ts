import { expect, test, type Page } from '@playwright/test';
import { ADMIN, shot, signIn, waitForHydration } from './helpers';
import {
  addMember,
  clearFaults,
  createGroup,
  createUser,
  createUserWithEmail,
  injectFaults,
  memberIds,
  serviceApp,
  setGroupAdminRole,
} from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// Bulk changes: paste users, preview what would change, confirm, follow the job, retry the rows Okta refused, undo.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const logins = Array.from({ length: 6 }, (_, i) => `bulk.${i}.${run}@example.com`);
const userIds: string[] = [];
const groupName = `Bulk Sales ${run}`;
let groupId = '';
let base = '';
let jobUrl = '';

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

async function waitForDone(page: Page) {
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress.getByText(/^Done/)).toBeVisible({ timeout: 60_000 });
}

test('connect an org with users and a group', async ({ page }) => {
  for (const [i, login] of logins.entries()) userIds.push((await createUser(login, `Bulk${i}`, 'User')).id);
  // Two people share one email: pasting it is ambiguous.
  await createUserWithEmail(`shared.a.${run}@example.com`, `shared.${run}@example.com`, 'Shared', 'A');
  await createUserWithEmail(`shared.b.${run}@example.com`, `shared.${run}@example.com`, 'Shared', 'B');
  groupId = (await createGroup(groupName)).id;
  await addMember(groupId, userIds[0]!);
  const app = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `Bulk org ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Directory' }).first().click();
  await page.getByRole('link', { name: `Bulk org ${run}` }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  base = new URL(page.url()).pathname;
});

test('preview names what will change, what is already so, and the lines that match no one or several', async ({
  page,
}) => {
  await page.goto(`${base}/groups/${groupId}`);
  await page.getByRole('link', { name: 'Bulk add or remove…' }).click();
  await expect(page.getByRole('combobox', { name: 'Group' })).toHaveValue(groupName);
  await expect(page.getByRole('radio', { name: 'Add to group' })).toBeChecked();
  await page
    .getByLabel('Users')
    .fill([...logins, logins[1]!, `nobody.${run}@example.com`, `shared.${run}@example.com`].join('\n'));
  await page.getByRole('button', { name: 'Preview' }).click();
  const counts = page.getByRole('region', { name: 'Preview counts' });
  const count = (label: string) =>
    counts
      .locator('div')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd');
  await expect(count('Will change')).toHaveText('5');
  await expect(count('Already members')).toHaveText('1');
  await expect(count('Not found')).toHaveText('1');
  await expect(count('Ambiguous')).toHaveText('1');
  await expect(count('Duplicates')).toHaveText('1');
  const lines = page.getByRole('region', { name: 'Lines that did not match one user' });
  await expect(lines).toContainText(`nobody.${run}@example.com`);
  await expect(lines).toContainText(`shared.a.${run}@example.com`);
  await expect(page.getByRole('region', { name: 'Already members (left alone)' })).toContainText(logins[0]!);
  await expect(page.getByText(/more than a minute after the preview, Okta is read again first/)).toBeVisible();
  await shot(page, 'bulk-preview');
  await expectAccessible(page);

  // Okta refuses every write for two of the users (a 4xx with its error code, not a transient 5xx, which would be
  // retried for minutes): their rows fail, the others go through.
  await injectFaults(
    [2, 3].map((i) => ({ method: 'PUT', pathPrefix: `/api/v1/groups/${groupId}/users/${userIds[i]}`, status: 400 })),
  );
  await page.getByRole('button', { name: `Add 5 users to ${groupName}` }).click();
  await expect(page).toHaveURL(/\/jobs\/job_/);
  jobUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('progressbar', { name: 'Rows done' })).toBeVisible();
  await waitForDone(page);
  await expect(page.getByText('Done, 2 failed')).toBeVisible();
  await page.getByRole('button', { name: 'Failed (2)' }).click();
  const rows = page.getByRole('table', { name: 'Job rows' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + 2
  await expect(rows.filter({ hasText: logins[2]! })).toContainText(/Okta answered 400/);
  await expect(rows.filter({ hasText: logins[3]! })).toContainText(/Okta answered 400/);
  await shot(page, 'bulk-job-failed-rows');
  await expectAccessible(page);

  // Okta recovers; the failed rows run again and succeed.
  await clearFaults();
  await page.getByRole('button', { name: 'Retry failed rows (2)' }).click();
  await expect(page.getByRole('button', { name: 'Succeeded (5)' })).toBeVisible({ timeout: 60_000 });
  await waitForDone(page);
  await expect(page.getByRole('button', { name: 'Failed (0)' })).toBeVisible();
  await expect(page.getByText('Done, 2 failed')).toHaveCount(0);
  expect((await memberIds(groupId)).sort()).toEqual([...userIds].sort());
  await page.getByRole('button', { name: 'All (6)' }).click();
  await shot(page, 'bulk-job-done');
});

test('undo a finished job: a linked reverse job removes exactly the users it added', async ({ page }) => {
  await page.goto(jobUrl);
  // The rows arrive from the polling route once the page is interactive.
  await expect(page.getByRole('table', { name: 'Job rows' }).getByRole('row')).toHaveCount(7);
  await page.getByRole('button', { name: 'Undo job…' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`remove 5 users from ${groupName}?`);
  await expect(dialog.getByRole('button', { name: 'Start undo job' })).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(groupName);
  await dialog.getByRole('button', { name: 'Start undo job' }).click();
  await expect(page).toHaveURL((url) => url.pathname.startsWith('/jobs/job_') && url.pathname !== jobUrl);
  await expect(page.getByText('This job undoes')).toBeVisible();
  await waitForDone(page);
  expect(await memberIds(groupId)).toEqual([userIds[0]]);
  await page.getByRole('link', { name: /^job job_/ }).click();
  await expect(page).toHaveURL(jobUrl);
  await expect(page.getByText('Undone by')).toBeVisible();
});

test('a bulk removal from an uploaded CSV is confirmed by typing the group name; the jobs list shows every job', async ({
  page,
}) => {
  await page.goto(`${base}/bulk?kind=group.remove_member&target=${groupId}`);
  await expect(page.getByRole('radio', { name: 'Remove from group' })).toBeChecked();
  const csv = {
    name: 'leavers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`name,login\nBulk0,${logins[0]}\nBulk5,${logins[5]}\n`),
  };
  // A file chosen before the page is interactive is not read: choose it again until the form says it was.
  await expect(async () => {
    await page.getByLabel('Or upload a file (.csv or .txt)').setInputFiles(csv);
    await expect(page.getByText('Loaded leavers.csv into Users.')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(page.getByLabel('Users')).toHaveValue(/name,login/);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: `Remove 1 user from ${groupName}…` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Remove 1 user from ${groupName}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Type .* to confirm/).fill(groupName);
  await shot(page, 'bulk-confirm-removal');
  await dialog.getByRole('button', { name: `Remove 1 user from ${groupName}` }).click();
  await expect(page).toHaveURL(/\/jobs\/job_/);
  await waitForDone(page);
  expect(await memberIds(groupId)).toEqual([]);

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('table', { name: 'Bulk jobs' }).getByRole('row')).toHaveCount(4); // header + 3 jobs
  // The removal and the undo job (marked as such) both remove users from the group.
  await expect(page.getByRole('link', { name: `Remove users from ${groupName}` })).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Bulk jobs' }).getByText('Undo of an earlier job')).toHaveCount(1);
  await shot(page, 'bulk-jobs-list');
  await expectAccessible(page);
});

test('cancel a running job: rows not yet started are cancelled, rows in flight finish', async ({ page }) => {
  const team = `Bulk Cancel ${run}`;
  const teamId = (await createGroup(team)).id;
  const people = await Promise.all(
    Array.from({ length: 30 }, (_, i) => createUser(`bulk.c${i}.${run}@example.com`, `Cancel${i}`, 'User')),
  );
  await page.goto(`${base}/bulk?kind=group.add_member&target=${teamId}`);
  const ids = { name: 'ids.txt', mimeType: 'text/plain', buffer: Buffer.from(people.map((p) => p.id).join('\n')) };
  await expect(async () => {
    await page.getByLabel('Or upload a file (.csv or .txt)').setInputFiles(ids);
    await expect(page.getByText('Loaded ids.txt into Users.')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByRole('button', { name: 'Preview' }).click();
  // Okta answers each membership write slowly, so most rows are still waiting when the operator cancels.
  await injectFaults({ method: 'PUT', pathPrefix: `/api/v1/groups/${teamId}/users`, latencyMs: 8000 });
  try {
    await page.getByRole('button', { name: `Add 30 users to ${team}` }).click();
    await expect(page).toHaveURL(/\/jobs\/job_/);
    await expect(page.getByRole('table', { name: 'Job rows' }).getByRole('row')).toHaveCount(31);
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page
      .getByRole('alertdialog', { name: 'Cancel this job?' })
      .getByRole('button', { name: 'Cancel job' })
      .click();
    await expect(page.getByRole('button', { name: /^Cancelled \([1-9]\d*\)$/ })).toBeVisible();
  } finally {
    await clearFaults();
  }
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Running (0)' })).toBeVisible({ timeout: 60_000 });
  const succeeded = Number(
    /\((\d+)\)/.exec((await page.getByRole('button', { name: /^Succeeded/ }).textContent()) ?? '')?.[1],
  );
  const cancelled = Number(
    /\((\d+)\)/.exec((await page.getByRole('button', { name: /^Cancelled/ }).textContent()) ?? '')?.[1],
  );
  expect(succeeded + cancelled).toBe(30);
  expect((await memberIds(teamId)).length).toBe(succeeded);
  await shot(page, 'bulk-job-cancelled');
});

test('the Group picker follows the Add to group rules: a group that holds an admin role is shown with the reason, never picked', async ({
  page,
}) => {
  const admins = `Bulk admins ${run}`;
  const adminsId = (await createGroup(admins)).id;
  await setGroupAdminRole(adminsId);
  const reason = /holds an admin role: Okta lets only a Super Administrator change its members/;
  // Typed into the picker: the option says why, and the keyboard reaches it without picking it.
  await page.goto(`${base}/bulk?kind=group.add_member`);
  await waitForHydration(page, '[role="combobox"]');
  const box = page.getByRole('combobox', { name: 'Group' });
  await box.fill(admins);
  const option = page.getByRole('option', { name: new RegExp(admins) });
  await expect(option).toHaveAttribute('aria-disabled', 'true');
  await expect(option).toContainText(reason);
  await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(option).toBeVisible(); // still open: Enter picks nothing
  await shot(page, 'bulk-picker-admin-group');
  await expectAccessible(page);
  // Opened from a link to that group: the form names it with the reason and starts without a target.
  await page.goto(`${base}/bulk?kind=group.add_member&target=${adminsId}`);
  await waitForHydration(page, '[role="combobox"]');
  await expect(box).toHaveValue(admins);
  await expect(box).toHaveAccessibleDescription(reason);
  await expect(page.getByText(/Choose another\.$/)).toBeVisible();
  await page.getByLabel('Users').fill(logins[0]!);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('Choose the group or app')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Preview counts' })).toHaveCount(0);
  await shot(page, 'bulk-target-admin-group');
  await expectAccessible(page);
  // An ordinary group is picked as before.
  await box.fill(groupName);
  await page.getByRole('option', { name: new RegExp(groupName) }).click();
  await expect(page.getByText(/Choose another\.$/)).toHaveCount(0);
  await expect(box).toHaveValue(groupName);
});
