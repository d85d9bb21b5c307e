import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, closeToasts, shot, signIn, waitForHydration } from './helpers';
import {
  addMember,
  assignAppToUser,
  clearFaults,
  createApp,
  createGroup,
  createGroupRule,
  createUser,
  createUserWithProfile,
  injectFaults,
  memberIds,
  ruleExcludedUserIds,
  serviceApp,
  setGroupAdminRole,
} from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// Day-to-day access work in the Directory of a connected org: search, pages, membership, assignment, checks.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const login = `dana.${run}@example.com`;
const groupName = `Directory Testers ${run}`;
const appLabel = `Dir Wiki ${run}`;
let base = '';
let danaId = '';
let groupId = '';
let ruled = { id: '' };
let rex = { id: '' };
let ruleId = '';

async function pick(scope: Page | Locator, label: string, text: string) {
  // Text typed into the server-rendered box before React takes it over would be lost.
  await waitForHydration('goto' in scope ? scope : scope.page(), '[role="combobox"]');
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(text);
  await scope
    .getByRole('option', { name: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test('connect an org for the directory', async ({ page }) => {
  // The console reads an org's group rules at most once a minute: the rule a later test removes a member under
  // exists before the first page reads them.
  ruled = await createGroup(`Ruled ${run}`);
  rex = await createUserWithProfile({
    login: `rex.${run}@example.com`,
    firstName: 'Rex',
    lastName: 'Rule',
    department: `Dept ${run}`,
  });
  ruleId = (await createGroupRule(`Dept ${run} rule`, `user.department=="Dept ${run}"`, [ruled.id])).id;
  danaId = (await createUser(login, 'Dana', 'Directory')).id;
  groupId = (await createGroup(groupName)).id;
  await createGroup(`Imported ${run}`, 'APP_GROUP');
  await setGroupAdminRole((await createGroup(`Admins ${run}`)).id);
  await createApp(appLabel);
  const app = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `Directory org ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Directory' }).first().click();
  await page.getByRole('link', { name: `Directory org ${run}` }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  base = new URL(page.url()).pathname;
});

test('search people, open a user, add them to a group and remove them again', async ({ page }) => {
  await page.goto(`${base}?kind=users`);
  const sections = page.getByRole('navigation', { name: 'Directory sections' });
  await expect(sections.getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Search people').fill('dana.');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: login }).click();
  await expect(page.getByText('Groups (1)')).toBeVisible(); // Everyone
  await shot(page, 'directory-user');
  await expectAccessible(page);
  await pick(page, 'Add to group', groupName);
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByText(`${login} added to ${groupName}.`)).toBeVisible();
  await expect(page.getByRole('link', { name: groupName })).toBeVisible();
  await page.getByRole('link', { name: groupName }).click();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('link', { name: login })).toBeVisible();
  await expect(sections.getByRole('link', { name: 'Groups' })).toHaveAttribute('aria-current', 'page');
  await expect(sections.getByRole('link', { name: 'People' })).not.toHaveAttribute('aria-current');
  await shot(page, 'directory-group');
  await expectAccessible(page);
  await closeToasts(page);
  await page.getByRole('button', { name: `Remove ${login} from ${groupName}` }).click();
  await expect(page.getByText(`${login} removed from ${groupName}.`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('link', { name: login })).toHaveCount(0);
  // Undo from the toast puts the membership back; then remove it for good.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(`${login} added to ${groupName}.`)).toBeVisible();
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(1); // the answer took the removal's place
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('link', { name: login })).toBeVisible();
  await closeToasts(page);
  await page.getByRole('button', { name: `Remove ${login} from ${groupName}` }).click();
  await expect(page.getByRole('list', { name: 'Members' }).getByRole('link', { name: login })).toHaveCount(0);
});

test('an imported APP_GROUP cannot be changed here, with the reason', async ({ page }) => {
  await page.goto(`${base}?kind=groups&q=Imported ${run}`);
  await page.getByRole('link', { name: `Imported ${run}` }).click();
  await expect(page.getByText(/imported from an app \(APP_GROUP\)/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Add member' })).toHaveCount(0);
});

test('a group that holds an admin role is read-only here, with the reason, when the app is not a Super Administrator', async ({
  page,
}) => {
  await page.goto(`${base}?kind=groups&q=Admins ${run}`);
  await page.getByRole('link', { name: `Admins ${run}` }).click();
  await expect(
    page.getByText(/holds an admin role: Okta lets only a Super Administrator change its members/),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Add member' })).toHaveCount(0);
});

test('the Add to group picker shows, with the reason, the groups Okta would refuse and the user’s own', async ({
  page,
}) => {
  await page.goto(`${base}/users/${danaId}`);
  await waitForHydration(page, '[role="combobox"]');
  const box = page.getByRole('combobox', { name: 'Add to group' });
  await box.fill(`Imported ${run}`);
  const imported = page.getByRole('option', { name: new RegExp(`Imported ${run}`) });
  await expect(imported).toHaveAttribute('aria-disabled', 'true');
  await expect(imported).toContainText('imported from an app (APP_GROUP)');
  await expect(imported).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter'); // the active option is the refused one: Enter does not pick it
  await expect(imported).toBeVisible();
  await expect(box).toHaveValue(`Imported ${run}`);
  await expect(page.getByRole('button', { name: 'Add to group' })).toBeDisabled();
  await box.fill('Everyone');
  const everyone = page.getByRole('option', { name: /^Everyone/ });
  await expect(everyone).toHaveAttribute('aria-disabled', 'true');
  await expect(everyone).toContainText('Already a member'); // every user is, and the user's own groups say so
  await shot(page, 'directory-picker-unavailable');
  await expectAccessible(page);
  // The app is not known to be a Super Administrator: a group that holds an admin role is not offered.
  await box.fill(`Admins ${run}`);
  const admins = page.getByRole('option', { name: new RegExp(`Admins ${run}`) });
  await expect(admins).toHaveAttribute('aria-disabled', 'true');
  await expect(admins).toContainText('holds an admin role: Okta lets only a Super Administrator change its members');
  await box.fill(groupName);
  await expect(page.getByRole('option', { name: new RegExp(groupName) })).not.toHaveAttribute('aria-disabled');
});

test('assign an app to a user and to a group, check access; a group-derived assignment offers no Unassign', async ({
  page,
}) => {
  await page.goto(`${base}?kind=apps&q=${encodeURIComponent(appLabel)}`);
  await page.getByRole('link', { name: appLabel }).click();
  await pick(page, 'Assign to user', login);
  await page.getByRole('button', { name: 'Assign' }).last().click();
  await expect(page.getByText(`${appLabel} assigned to ${login}.`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Assigned users' })).toContainText('USER');
  await closeToasts(page);
  await page.getByRole('button', { name: `Unassign ${appLabel} from ${login}` }).click();
  await expect(page.getByText(`${appLabel} unassigned from ${login}.`)).toBeVisible();

  await pick(page, 'Assign to group', groupName);
  await page.getByLabel('Priority').fill('2');
  await page.getByRole('button', { name: 'Assign' }).first().click();
  await expect(page.getByText(`${appLabel} assigned to ${groupName} (priority 2).`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Assigned groups' })).toContainText('priority 2');
  await shot(page, 'directory-app');
  await expectAccessible(page);

  // Dana joins the group, so she gets the app through it.
  await page.goto(`${base}?kind=users&q=dana.${run}`);
  await page.getByRole('link', { name: login }).click();
  await pick(page, 'Add to group', groupName);
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByText(`${login} added to ${groupName}.`)).toBeVisible();

  await page.goto(`${base}/check`);
  const checks = page.getByRole('region', { name: 'Group membership check' });
  await pick(checks, 'User', login);
  await pick(checks, 'Group', groupName);
  await checks.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText(`${login} is a member of ${groupName}.`)).toBeVisible();
  const appCheck = page.getByRole('region', { name: 'Application access check' });
  await pick(appCheck, 'User', login);
  await pick(appCheck, 'Application', appLabel);
  await appCheck.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText(`${login} has ${appLabel} through ${groupName}.`)).toBeVisible();
  await shot(page, 'directory-check');
  await expectAccessible(page);

  await page.goto(`${base}?kind=apps&q=${encodeURIComponent(appLabel)}`);
  await page.getByRole('link', { name: appLabel }).click();
  const assigned = page.getByRole('list', { name: 'Assigned users' });
  await expect(assigned).toContainText('GROUP');
  await expect(assigned).toContainText(`via ${groupName}`);
  await expect(page.getByRole('button', { name: `Unassign ${appLabel} from ${login}` })).toHaveCount(0);
  await assigned.getByRole('link', { name: groupName }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${groupId}$`));
});

test('the user page says how each app is granted: Direct, or via which of the user’s groups', async ({ page }) => {
  // Continues from the test above: Dana is in the group, which has the app; a second app is hers directly.
  const direct = await createApp(`Dir Direct ${run}`);
  await assignAppToUser(direct.id, danaId);
  await page.goto(`${base}/users/${danaId}`);
  const apps = page.getByRole('list', { name: 'Applications' });
  const viaRow = apps.getByRole('listitem').filter({ has: page.getByRole('link', { name: appLabel, exact: true }) });
  await expect(viaRow.getByText('Via', { exact: true })).toBeVisible();
  await expect(viaRow.getByRole('link', { name: groupName })).toBeVisible();
  await expect(viaRow.getByText('Direct', { exact: true })).toHaveCount(0);
  const directRow = apps.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Dir Direct ${run}` }) });
  await expect(directRow.getByText('Direct', { exact: true })).toBeVisible();
  await expect(directRow.getByText(/^(Also via|Via)/)).toHaveCount(0);
  await shot(page, 'directory-user-app-grants');
  await expectAccessible(page);
});

test('assigning directly an app the user has through a group asks first and says why', async ({ page }) => {
  // Continues from above: Dana has the wiki via the group.
  await page.goto(`${base}/users/${danaId}`);
  await pick(page, 'Assign application', appLabel);
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const ask = page.getByRole('alertdialog', { name: 'Before you assign' });
  await expect(ask).toContainText(`${login} already has ${appLabel} via ${groupName}`);
  await expect(ask).toContainText('it can only be removed directly');
  await shot(page, 'directory-direct-assign-caution');
  await expectAccessible(page);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  const apps = page.getByRole('list', { name: 'Applications' });
  const row = apps.getByRole('listitem').filter({ has: page.getByRole('link', { name: appLabel, exact: true }) });
  await expect(row.getByText('Direct', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await page
    .getByRole('alertdialog', { name: 'Before you assign' })
    .getByRole('button', { name: 'Assign anyway' })
    .click();
  // Okta now reports scope USER: the row says Direct, and still names the group it also comes through.
  await expect(row.getByText('Direct', { exact: true })).toBeVisible();
  await expect(row.getByText('Also via', { exact: true })).toBeVisible();
  await expect(row.getByRole('link', { name: groupName })).toBeVisible();
  await shot(page, 'directory-user-app-direct-and-via');
});

test('removing a member an active group rule fills asks first: Okta puts them on the rule’s exclusion list', async ({
  page,
}) => {
  await expect.poll(() => memberIds(ruled.id)).toContain(rex.id);
  await page.goto(`${base}/groups/${ruled.id}`);
  const members = page.getByRole('list', { name: 'Members' });
  await members.getByRole('button', { name: `Remove rex.${run}@example.com from Ruled ${run}` }).click();
  const ask = page.getByRole('alertdialog', { name: `Before: Remove rex.${run}@example.com from Ruled ${run}` });
  await expect(ask).toContainText(`filled by the active group rule “Dept ${run} rule”`);
  await expect(ask).toContainText('exclusion list');
  await shot(page, 'directory-group-rule-caution');
  await expectAccessible(page);
  await ask.getByRole('button', { name: 'Remove anyway' }).click();
  await expect(members.getByRole('link', { name: `rex.${run}@example.com` })).toHaveCount(0);
  await expect.poll(() => ruleExcludedUserIds(ruleId)).toEqual([rex.id]);
});

test('a page whose Okta read fails shows Okta’s reason and request id in place', async ({ page }) => {
  await injectFaults({ status: 403, method: 'GET', pathPrefix: `/api/v1/users/${danaId}` });
  try {
    await page.goto(`${base}/users/${danaId}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not read this user from Okta' });
    await expect(alert).toContainText('Okta refused');
    await expect(alert).toContainText('Okta request id');
    await expect(alert.getByRole('link', { name: 'Open the integration' })).toBeVisible();
    await expect(page.getByText('unexpected error')).toHaveCount(0);
    await shot(page, 'directory-read-failure');
  } finally {
    await clearFaults();
  }
});

test('a group page shows the member count from Okta and pages without dropping the current page', async ({ page }) => {
  await page.goto(`${base}?kind=groups&q=Everyone`);
  await page.getByRole('link', { name: 'Everyone', exact: true }).click();
  await expect(page).toHaveURL(/\/groups\/00g/);
  const everyone = /\/groups\/(00g[A-Za-z0-9]+)/.exec(page.url())![1]!;
  const count = (await memberIds(everyone)).length;
  expect(count).toBeGreaterThan(50);
  await expect(
    page.getByRole('definition').filter({ hasText: new Intl.NumberFormat('en-US').format(count) }),
  ).toBeVisible();
  const members = page.getByRole('region', { name: 'Members' });
  const firstLogin = await members.getByRole('listitem').first().getByRole('link').textContent();
  await expect(members.getByRole('listitem')).toHaveCount(50);
  // Okta is slow for the next page: the current rows stay (dimmed, aria-busy) until it arrives.
  await injectFaults({ method: 'GET', pathPrefix: `/api/v1/groups/${everyone}/users`, latencyMs: 1500, count: 1 });
  await page.getByRole('link', { name: 'Next', exact: true }).click();
  await expect(members).toHaveAttribute('aria-busy', 'true');
  await expect(members.getByRole('link', { name: firstLogin!, exact: true })).toBeVisible();
  await expect(members).toHaveAttribute('aria-busy', 'false');
  await expect(page).toHaveURL(/[?&]page=/);
  await expect(members.getByRole('link', { name: firstLogin!, exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Previous', exact: true })).toBeVisible();
  await expect(page.getByText(`Members 51–100 of ${new Intl.NumberFormat('en-US').format(count)}`)).toBeVisible();
  await shot(page, 'directory-group-page-2');
  await expectAccessible(page);
});

test('a removal Okta refuses hides the row at once, then brings it back with the reason', async ({ page }) => {
  await addMember(groupId, danaId);
  await page.goto(`${base}/groups/${groupId}`);
  const row = page.getByRole('list', { name: 'Members' }).getByRole('link', { name: login });
  await expect(row).toBeVisible();
  await injectFaults({ method: 'DELETE', pathPrefix: `/api/v1/groups/${groupId}/users`, status: 500, latencyMs: 700 });
  try {
    await page.getByRole('button', { name: `Remove ${login} from ${groupName}` }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByText(/Okta answered 500/)).toBeVisible();
    await expect(row).toBeVisible();
    await shot(page, 'directory-remove-refused');
  } finally {
    await clearFaults();
  }
  expect(await memberIds(groupId)).toContain(danaId);
});
