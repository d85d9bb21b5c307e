import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, shot, signIn, waitForHydration } from './helpers';
import { addMember, assignAppToUser, createApp, createGroup, createUser, serviceApp } from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// The directory's lists page like Okta's: 50 a page with Okta's cursors, Next and Previous, each page its own URL
// (a bookmark or the back button works), counts only where Okta gives them, and long lists scroll with the page.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const PEOPLE = 60;
const loginOf = (i: number) => `pager.${run}.${String(i).padStart(3, '0')}@example.com`;
const appLabel = `Paged app ${run}`;
const groupName = `Paged group ${run}`;
let base = '';
let appId = '';

/** The logins in a People table, in order. */
const tableLogins = (page: Page) =>
  page.getByRole('region', { name: 'People' }).getByRole('row').getByRole('link').allTextContents();

/** The list box holds its rows without a scrollbar of its own; the page is what scrolls. */
async function expectNoScrollBox(page: Page, list: Locator) {
  const box = await list.evaluate((el) => {
    const style = getComputedStyle(el);
    return { scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, overflowY: style.overflowY };
  });
  expect(box.overflowY === 'visible' || box.scrollHeight <= box.clientHeight + 1, JSON.stringify(box)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test('connect an org with more than 50 people', async ({ page }) => {
  test.slow(); // many page loads; the CI machine is loaded
  const app = await createApp(appLabel);
  appId = app.id;
  const group = await createGroup(groupName);
  for (let i = 0; i < PEOPLE; i++) {
    const { id } = await createUser(loginOf(i), i < 3 ? 'Quinn' : 'Pager', `Person${String(i).padStart(3, '0')}`);
    await assignAppToUser(app.id, id);
    if (i < 2) await addMember(group.id, id);
  }
  const creds = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `Paging org ${run}`, clientId: creds.clientId, kid: creds.kid, key: creds.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Directory' }).first().click();
  await page.getByRole('link', { name: `Paging org ${run}` }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  base = new URL(page.url()).pathname;
});

test('People: Next shows other people, the page is a bookmark, Previous and Back go back', async ({ page }) => {
  test.slow(); // many page loads; the CI machine is loaded
  await page.goto(`${base}?kind=users`);
  const pages = page.getByRole('navigation', { name: 'People pages' });
  await expect(pages.getByText('People 1–50 of 50+')).toBeVisible();
  await expect(pages.getByRole('button', { name: 'Previous' })).toBeDisabled();
  const first = await tableLogins(page);
  expect(first).toHaveLength(50);
  await expectNoScrollBox(page, page.locator('[data-slot="table-container"]'));

  await pages.getByRole('link', { name: 'Next', exact: true }).click();
  await expect(pages.getByText('People 51–100 of 100+')).toBeVisible();
  await expect(page).toHaveURL(/[?&]page=/);
  const second = await tableLogins(page);
  expect(second).toHaveLength(50);
  expect(second.filter((l) => first.includes(l))).toEqual([]);
  await shot(page, 'directory-people-page-2');
  await expectAccessible(page);

  // The URL alone brings the same page back (a bookmark, a shared link).
  await page.reload();
  await expect(pages.getByText('People 51–100 of 100+')).toBeVisible();
  expect(await tableLogins(page)).toEqual(second);

  await pages.getByRole('link', { name: 'Previous', exact: true }).click();
  await expect(pages.getByText('People 1–50 of 50+')).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]page=/);
  expect(await tableLogins(page)).toEqual(first);
  await page.goBack();
  await expect(pages.getByText('People 51–100 of 100+')).toBeVisible();
  expect(await tableLogins(page)).toEqual(second);
});

test('a search starts again from the first page and pages its own results', async ({ page }) => {
  await page.goto(`${base}?kind=users`);
  const pages = page.getByRole('navigation', { name: 'People pages' });
  await pages.getByRole('link', { name: 'Next', exact: true }).click();
  await expect(pages.getByText('People 51–100 of 100+')).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Search people').fill(`pager.${run}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(pages.getByText('People 1–50 of 50+')).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]page=/);
  const found = await tableLogins(page);
  expect(found).toHaveLength(50);
  await pages.getByRole('link', { name: 'Next', exact: true }).click();
  await expect(pages.getByText(`People 51–${PEOPLE} of ${PEOPLE}`, { exact: true })).toBeVisible();
  await expect(pages.getByRole('button', { name: 'Next' })).toBeDisabled();
  // In Okta's order, whatever it is: together the two pages are every match, each once.
  found.push(...(await tableLogins(page)));
  expect(found.sort()).toEqual(Array.from({ length: PEOPLE }, (_, i) => loginOf(i)));
});

test('a page link the console did not make is refused with a message, not an error page', async ({ page }) => {
  for (const bad of ['forged.AAAAAAAAAAAAAAAAAAAAAA', '..%2F..%2Fapi%2Fv1%2Fusers']) {
    await page.goto(`${base}?kind=users&page=${bad}`);
    await expect(page.getByRole('alert').filter({ hasText: /This page link (was changed|is damaged)/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'People' })).toHaveCount(0);
  }
  await shot(page, 'directory-people-bad-page-link');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(page.getByRole('navigation', { name: 'People pages' }).getByText('People 1–50 of 50+')).toBeVisible();
});

test('Groups show Okta’s member and app counts', async ({ page }) => {
  await page.goto(`${base}?kind=groups&q=${encodeURIComponent(groupName)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: groupName }) });
  await expect(row.getByRole('cell').nth(3)).toHaveText('2');
  await expect(row.getByRole('cell').nth(4)).toHaveText('0');
  await expect(page.getByRole('columnheader', { name: 'Members' })).toBeVisible();
  await shot(page, 'directory-groups-counts');
  await expectAccessible(page);
});

test('an app’s assigned users: name and login, a filter, a count, pages, no box of their own', async ({ page }) => {
  test.slow(); // many page loads; the CI machine is loaded
  await page.goto(`${base}/apps/${appId}`);
  const list = page.getByRole('list', { name: 'Assigned users' });
  const pages = page.getByRole('navigation', { name: 'Assigned users pages' });
  await expect(pages.getByText('Assigned users 1–50 of 50+')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(50);
  // Each row names the person (their page's link) and shows their login.
  for (const row of (await list.getByRole('listitem').all()).slice(0, 5)) {
    await expect(row.getByRole('link', { name: /^(Quinn|Pager) Person\d{3}$/ })).toBeVisible();
    await expect(row).toContainText(new RegExp(`pager\\.${run}\\.\\d{3}@example\\.com`));
  }
  await expectNoScrollBox(page, list);
  await shot(page, 'directory-app-assigned-users');
  await expectAccessible(page);

  await pages.getByRole('link', { name: 'Next', exact: true }).click();
  await expect(pages.getByText(`Assigned users 51–${PEOPLE} of ${PEOPLE}`, { exact: true })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(PEOPLE - 50);

  await waitForHydration(page);
  await page.getByLabel('Filter assigned users').fill('Quinn');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(pages.getByText('Assigned users 1–3 of 3', { exact: true })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(3);
  for (const i of [0, 1, 2]) {
    const row = list.getByRole('listitem').filter({ hasText: loginOf(i) });
    await expect(row.getByRole('link', { name: `Quinn Person00${i}` })).toBeVisible();
  }
  await expect(page).not.toHaveURL(/[?&]page=/);
  await shot(page, 'directory-app-assigned-users-filtered');
  await page.getByRole('link', { name: 'Clear filter' }).click();
  await expect(pages.getByText('Assigned users 1–50 of 50+')).toBeVisible();
});
