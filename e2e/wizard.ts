import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { waitForHydration } from './helpers';
import { SIM_ORIGIN } from './sim';

/** axe-core: no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Ticks through the four instruction steps; with `shot`, each step is also screenshotted and axe-checked. */
export async function completeInstructionSteps(
  page: Page,
  shotFn?: (name: string) => Promise<void>,
  stopAt?: 'client-auth',
) {
  const shot = shotFn
    ? async (name: string) => {
        await shotFn(name);
        await expectAccessible(page);
      }
    : undefined;
  await page.goto('/integrations/new');
  await expect(page).toHaveURL(/\/integrations\/new\/before-you-begin/);
  await shot?.('wizard-1-before-you-begin');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Confirm you can sign in as a Super Administrator')).toBeVisible();
  for (const label of [
    /Super Administrator/,
    /Okta domain/,
    /create app integrations/,
    /assign the app the admin roles/,
  ])
    await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(/create-app/);
  await shot?.('wizard-2-create-app');
  await page.getByLabel(/I created the API Services app/).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(/client-auth/);
  if (stopAt === 'client-auth') return;
  await shot?.('wizard-3-client-auth');
  await page.getByLabel('Okta generates it').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(/scopes-and-roles/);
  await shot?.('wizard-4-scopes-and-roles');
  await page.getByLabel(/I granted the six scopes/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/connection/);
}

export async function fillConnection(
  page: Page,
  v: { name: string; domain?: string; clientId: string; kid: string; key?: string },
) {
  await page.goto('/integrations/new/connection');
  await waitForHydration(page);
  await page.getByLabel('Integration name').fill(v.name);
  await page.getByLabel('Okta domain').fill(v.domain ?? SIM_ORIGIN);
  await page.getByLabel('Client ID').fill(v.clientId);
  if (v.key !== undefined) await page.getByLabel('Private key').fill(v.key);
  await page.getByLabel('Key ID (KID)').fill(v.kid);
  // Each filled field's as-you-type check answers with a status line under it, which moves the Save button down:
  // wait for them all, so a click lands on the button and not where it was a moment before.
  const checked = [v.domain ?? SIM_ORIGIN, v.clientId, v.key, v.kid].filter((x) => x?.trim()).length;
  await expect
    .poll(() => page.getByRole('main').getByRole('status').count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(checked);
}

export async function saveAndTest(page: Page) {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  // The save waits behind the form's as-you-type checks (Next runs one server action at a time).
  await expect(page).toHaveURL(/\/integrations\/new\/test/, { timeout: 60_000 });
  await page.getByRole('button', { name: /Test connection|Test again/ }).click();
  await expect(page.getByRole('list', { name: 'Connection checks' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Connection checks' })).not.toHaveAttribute('aria-busy', 'true');
}
