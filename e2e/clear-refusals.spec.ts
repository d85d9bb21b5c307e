import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, shot, signIn, waitForHydration } from './helpers';
import { createGroup, serviceApp } from './sim';
import { completeInstructionSteps, fillConnection, saveAndTest } from './wizard';

// Bad input and pages out of a role's reach get a clear answer: HTTP 403 for a page the role may not see,
// and a "too large" message in the form, saying the limit, for input over the server actions' 1 MB.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const VIEWER = { name: 'Vic Viewer', email: `vic.${run}@example.com`, password: 'viewer password 789', role: 'viewer' };
const OPERATOR = {
  name: 'Opal Operator',
  email: `opal.${run}@example.com`,
  password: 'operator password 789',
  role: 'operator',
};
const orgName = `Refusals org ${run}`;
const groupName = `Refusals group ${run}`;
let integrationId = '';
let groupId = '';

const WIZARD = [
  '/integrations/new',
  ...['before-you-begin', 'create-app', 'client-auth', 'scopes-and-roles', 'connection', 'test'].map(
    (s) => `/integrations/new/${s}`,
  ),
];
const FORBIDDEN = 'Your role cannot open this page';
const TOO_LARGE =
  /Too large to send: this is about \d+(\.\d)? MB, and the console accepts at most 1 MB in one request\./;

async function as(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** Pastes text into the field with that label, as a person would (typing a megabyte would take hours). */
async function paste(page: Page, label: string, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const field = page.getByLabel(label);
  await field.fill('');
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(field).toHaveJSProperty('textLength', text.length);
}

async function expectStatus(page: Page, path: string, status: number) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
  if (status === 403) await expect(page.getByRole('heading', { name: FORBIDDEN })).toBeVisible();
  else await expect(page.getByRole('heading', { name: FORBIDDEN })).toHaveCount(0);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test('connect an org with a group, and add a viewer and an operator', async ({ page }) => {
  groupId = (await createGroup(groupName)).id;
  const app = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name: orgName, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page).toHaveURL(/\/integrations\/int_[A-Za-z0-9]{20}$/);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  integrationId = /int_[A-Za-z0-9]{20}/.exec(page.url())![0];

  for (const who of [VIEWER, OPERATOR]) {
    await page.goto('/settings');
    await waitForHydration(page);
    await page.getByLabel('Name', { exact: true }).fill(who.name);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Initial password').fill(who.password);
    await page.getByLabel('Role', { exact: true }).selectOption(who.role);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('row').filter({ hasText: who.email })).toHaveCount(1);
  }
});

test('a page the role may not see answers HTTP 403 with the forbidden page; the pages it may see answer 200', async ({
  page,
  browser,
}) => {
  const directory = `/directory/${integrationId}`;
  const operatorPages = [
    `${directory}/bulk`,
    `${directory}/bulk?kind=group.add_member&target=${groupId}`,
    `${directory}/check`,
  ];

  const viewer = await as(browser, VIEWER);
  for (const path of [...operatorPages, ...WIZARD]) await expectStatus(viewer, path, 403);
  await shot(viewer, 'forbidden-403');
  for (const path of [
    '/integrations',
    `/integrations/${integrationId}`,
    directory,
    `${directory}/groups/${groupId}`,
    '/jobs',
    '/audit',
    '/settings',
  ])
    await expectStatus(viewer, path, 200);

  const operator = await as(browser, OPERATOR);
  for (const path of WIZARD) await expectStatus(operator, path, 403);
  for (const path of operatorPages) await expectStatus(operator, path, 200);
  await expect(operator.getByRole('region', { name: 'Group membership check' })).toBeVisible();
  await expectStatus(operator, operatorPages[1]!, 200);
  await expect(operator.getByRole('combobox', { name: 'Group' })).toHaveValue(groupName);

  await expectStatus(page, '/integrations/new/before-you-begin', 200);
  await expect(page.getByRole('heading', { name: 'Connect an Okta org', level: 1 })).toBeVisible();
  await viewer.context().close();
  await operator.context().close();
});

test('a private key over 1 MB gets a "too large" message in the rotate form, not an error page, and the key is kept', async ({
  page,
}) => {
  await page.goto(`/integrations/${integrationId}`);
  await waitForHydration(page);
  const thumbprint = await page.getByText(/sealed on the server/).textContent();
  // A wrong file pasted whole: 22,000 lines of base64, 1.1 MB.
  await paste(
    page,
    'New private key',
    `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n'.repeat(22_000)}-----END PRIVATE KEY-----\n`,
  );
  await page.getByLabel('New key ID (KID)').fill('too-large');
  await page.getByRole('button', { name: 'Test and rotate' }).click();
  const alert = page.getByRole('alert').filter({ hasText: TOO_LARGE });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('A private key is a few kilobytes');
  await shot(page, 'rotate-key-too-large');
  await expect(page.getByRole('button', { name: 'Test and rotate' })).toBeVisible();
  await page.reload();
  expect(await page.getByText(/sealed on the server/).textContent()).toBe(thumbprint);
});

test('a bulk list or file over 1 MB gets a "too large" message in the bulk form', async ({ page }) => {
  await page.goto(`/directory/${integrationId}/bulk?kind=group.add_member&target=${groupId}`);
  await expect(page.getByRole('combobox', { name: 'Group' })).toHaveValue(groupName);
  await waitForHydration(page);
  // Under the form's 900,000-character limit, but over 1 MB as UTF-8: names in Japanese take 3 bytes a character.
  const list = Array.from({ length: 30_000 }, (_, i) => `${i},山田太郎,営業部東京支社第一営業課`).join('\n');
  expect(list.length).toBeLessThan(900_000);
  await paste(page, 'Users', list);
  await page.getByRole('button', { name: 'Preview' }).click();
  const alert = page.getByRole('alert').filter({ hasText: TOO_LARGE });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Split the list into several jobs.');
  await expect(page.getByRole('heading', { name: /^Preview:/ })).toHaveCount(0);
  await page.getByLabel('Users').fill('');
  await shot(page, 'bulk-too-large');

  await page
    .getByLabel('Or upload a file (.csv or .txt)')
    .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from('login\n'.repeat(250_000)) });
  await expect(page.getByLabel('Users')).toHaveAccessibleDescription(TOO_LARGE);
  await expect(page.getByLabel('Users')).toHaveAccessibleDescription(/Split the list into several jobs\./);
  await expect(page.getByLabel('Users')).toHaveValue('');
  await expect(page.getByText('Loaded users.csv into Users.')).toHaveCount(0);
});
