import { expect, test } from '@playwright/test';
import { ADMIN, closeToasts, shot, signIn } from './helpers';
import { createGroup, createUser, memberIds, serviceApp, simStats } from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// One Okta client per integration in the built server: a page, a server action and the bulk worker live in
// different server chunks and still share one token and one pacer. The integration page shows the buckets.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const name = `Paced org ${run}`;
let integrationUrl = '';

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test('a page, a bulk preview (an action) and the job worker share one token', async ({ page }) => {
  const logins = Array.from({ length: 4 }, (_, i) => `paced.${i}.${run}@example.com`);
  const ids = [];
  for (const [i, login] of logins.entries()) ids.push((await createUser(login, `Paced${i}`, 'User')).id);
  const group = await createGroup(`Paced ${run}`);
  const app = await serviceApp();
  await completeInstructionSteps(page);
  await fillConnection(page, { name, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  integrationUrl = new URL(page.url()).pathname;
  const integrationId = integrationUrl.split('/').pop()!;
  // The connection test used a client of its own; from here on, only the integration's client calls Okta.
  const before = (await simStats()).tokensIssued;

  await page.goto(`/directory/${integrationId}/groups/${group.id}`);
  await expect(page.getByRole('heading', { name: `Paced ${run}` })).toBeVisible();
  await page.getByRole('link', { name: 'Bulk add or remove…' }).click();
  await page.getByLabel('Users').fill(logins.join('\n'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: `Add 4 users to Paced ${run}` }).click();
  await expect(page).toHaveURL(/\/jobs\/job_/);
  await expect(page.getByRole('region', { name: 'Progress' }).getByText(/^Done/)).toBeVisible({ timeout: 60_000 });
  expect((await memberIds(group.id)).sort()).toEqual([...ids].sort());
  expect((await simStats()).tokensIssued - before).toBe(1);
});

test('the integration page shows the buckets as Okta last said, and an admin sets the share', async ({ page }) => {
  await page.goto(integrationUrl);
  const card = page.locator('[data-slot="card"]').filter({ has: page.getByText('Rate limits', { exact: true }) });
  const groups = card.getByRole('row').filter({ hasText: 'Groups, members and rules' });
  await expect(groups).toBeVisible();
  await expect(groups.getByRole('img')).toHaveAttribute('aria-label', /calls in \d+ windows/);
  await expect(card.getByText(/and leave nothing unspent/)).toBeVisible();
  await expectAccessible(page);

  const share = card.getByLabel('Share of each rate limit the console may use (%)');
  await share.fill('5');
  await card.getByRole('button', { name: 'Save share' }).click();
  await expect(card.getByText('At least 10%: below that a bulk job would barely move')).toBeVisible();
  await share.fill('60');
  await card.getByRole('button', { name: 'Save share' }).click();
  await expect(page.getByText('The console now leaves 40% of each rate limit to other tools.')).toBeVisible();
  await closeToasts(page);
  await expect(card.getByText(/keeping 40% of each limit for other tools/)).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'integration-rate-limits');
});
