import { expect, test, type Page } from '@playwright/test';
import { ADMIN, shot, signIn, signOut } from './helpers';
import { addMember, assignAppToUser, createApp, createGroup, createUser, serviceApp } from './sim';
import { completeInstructionSteps, fillConnection, saveAndTest } from './wizard';

// Issue 12 item 8: every page fits a 390 px wide phone, with no sideways scrolling of the page itself
// (a wide table may scroll inside its own box). An admin visits each console page, the wizard's six steps
// included, with real data behind them.
test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const run = Date.now().toString(36);
const login = `phone.${run}@example.com`;
const ids = { user: '', group: '', app: '' };
let base = '';
let integrationPath = '';
let jobPath = '';

/** The page's own width against the window's, and the elements that stick out (to say what to fix). */
async function expectFits(page: Page, name: string) {
  await expect(page.locator('main h1, h1').first()).toBeVisible();
  // The layout's heading comes before the page's body has streamed in: measure the page, not its loading skeleton.
  await expect(page.getByRole('status', { name: 'Loading' })).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  const measured = await page.evaluate(() => {
    const width = window.innerWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      // Report the outermost offenders only: their children stick out with them.
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join('.')}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
  await shot(page, `phone-${name}`);
  expect(
    measured.scrollWidth,
    `${name} is ${measured.scrollWidth - measured.innerWidth}px too wide: ${measured.wide.join(', ')}`,
  ).toBeLessThanOrEqual(measured.innerWidth);
}

test('arrange: an org with a user in a group and an app, connected, and one bulk job', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  ids.user = (await createUser(login, 'Phone', 'Person')).id;
  ids.group = (await createGroup(`Phone group ${run}`)).id;
  ids.app = (await createApp(`Phone app ${run}`)).id;
  await addMember(ids.group, ids.user);
  await assignAppToUser(ids.app, ids.user);
  const app = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `Phone org ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByRole('heading', { name: `Phone org ${run}`, level: 1 })).toBeVisible();
  integrationPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Open directory' }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  base = new URL(page.url()).pathname;

  const other = (await createUser(`phone.other.${run}@example.com`, 'Other', 'Person')).id;
  expect(other).toBeTruthy();
  await page.goto(`${base}/bulk?kind=group.add_member&target=${ids.group}`);
  await page.getByLabel('Users').fill(`phone.other.${run}@example.com`);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: /^Add 1 user to / }).click();
  await expect(page).toHaveURL(/\/jobs\/job_/);
  jobPath = new URL(page.url()).pathname;
});

test.describe('at 390 × 844', () => {
  test.use({ viewport: PHONE });

  test('every console page fits the width', async ({ page }) => {
    test.setTimeout(300_000); // seventeen pages, each measured and screenshotted
    await signIn(page, ADMIN);
    const pages: Array<[string, string]> = [
      ['integrations', '/integrations'],
      ['integration', integrationPath],
      ['directory', '/directory'],
      ['directory-people', `${base}?q=phone`],
      ['directory-groups', `${base}?kind=groups&q=Phone`],
      ['directory-apps', `${base}?kind=apps&q=Phone`],
      ['user', `${base}/users/${ids.user}`],
      ['group', `${base}/groups/${ids.group}`],
      ['app', `${base}/apps/${ids.app}`],
      ['check', `${base}/check`],
      ['bulk', `${base}/bulk?kind=group.add_member&target=${ids.group}`],
      ['jobs', '/jobs'],
      ['job', jobPath],
      ['audit', '/audit'],
      ['settings', '/settings'],
      ['not-found', '/integrations/int_00000000000000000000'],
    ];
    const failures: string[] = [];
    for (const [name, path] of pages) {
      await test.step(name, async () => {
        await page.goto(path);
        await expectFits(page, name).catch((e: Error) => failures.push(e.message.split('\n')[0] ?? name));
      });
    }

    await test.step('bulk with a preview', async () => {
      await page.goto(`${base}/bulk?kind=group.add_member&target=${ids.group}`);
      await page.getByLabel('Users').fill([login, `nobody.${run}@example.com`].join('\n'));
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByRole('region', { name: 'Preview counts' })).toBeVisible();
      await expectFits(page, 'bulk-preview').catch((e: Error) => failures.push(e.message.split('\n')[0] ?? 'preview'));
    });
    expect(failures).toEqual([]);
  });

  test('the setup wizard fits the width at every step', async ({ page }) => {
    test.setTimeout(300_000); // six steps, each measured, screenshotted and checked with axe
    await signIn(page, ADMIN);
    const failures: string[] = [];
    const check = async (name: string) => {
      await expectFits(page, name).catch((e: Error) => failures.push(e.message.split('\n')[0] ?? name));
    };
    await completeInstructionSteps(page, check);
    const app = await serviceApp();
    await fillConnection(page, { name: `Phone wizard ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
    await check('wizard-5-connection');
    await saveAndTest(page);
    await check('wizard-6-test');
    // Saved, so no draft is left behind for the specs that start the wizard afresh.
    await page.getByRole('button', { name: 'Save integration' }).click();
    await expect(page.getByRole('heading', { name: `Phone wizard ${run}`, level: 1 })).toBeVisible();
    expect(failures).toEqual([]);
  });

  test('sign-in and the first-run page fit the width', async ({ page }) => {
    await signIn(page, ADMIN);
    await signOut(page);
    await expectFits(page, 'sign-in');
    await page.goto('/first-run?token=used-or-forged-token');
    await expectFits(page, 'first-run-used');
  });
});
