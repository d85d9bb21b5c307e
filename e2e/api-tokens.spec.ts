import { expect, test } from '@playwright/test';
import { ADMIN, shot, signIn } from './helpers';
import { createGroup, createUser, serviceApp, SIM_ORIGIN } from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// An admin creates an automation API token in Settings, a script uses it, and revoking it stops the script.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const orgName = `API org ${run}`;
const tokenName = `Joiner workflow ${run}`;

test('an admin creates a token, sees it once, a tool adds a member with it, and after revocation it gets 401', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const user = await createUser(`api.${run}@example.com`, 'Api', 'User');
  const group = await createGroup(`API Joiners ${run}`);
  const app = await serviceApp();
  await signIn(page, ADMIN);
  await completeInstructionSteps(page);
  await fillConnection(page, { name: orgName, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'API tokens', exact: true })).toBeVisible();
  await page.getByLabel('Token name').fill(tokenName);
  await page.getByLabel(/^Write/).check();
  await page.getByRole('checkbox', { name: orgName }).check();
  await page.getByLabel('Expires').selectOption('30');
  await page.getByRole('button', { name: 'Create token' }).click();

  const panel = page.getByRole('status').filter({ hasText: 'copy it now' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('only time the console shows this token');
  const secret = (await panel.locator('[data-slot="mono"] code').textContent()) ?? '';
  expect(secret).toMatch(/^oac_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('row').filter({ hasText: tokenName });
  await expect(row).toContainText('Read and write');
  await expect(row).toContainText(orgName);
  await expect(row).toContainText(secret.slice(0, 10));
  await shot(page, 'api-tokens-created');
  await expectAccessible(page);

  // Shown once: gone when dismissed, and not in the page after a reload.
  await panel.getByRole('button', { name: 'I have copied it' }).click();
  await expect(panel).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: tokenName })).toBeVisible();
  expect(await page.content()).not.toContain(secret.slice(10));

  // A tool uses it.
  const auth = { authorization: `Bearer ${secret}` };
  const list = (await (await fetch(`${baseURL}/api/v1/integrations`, { headers: auth })).json()) as {
    items: { id: string; name: string }[];
  };
  const integrationId = list.items.find((i) => i.name === orgName)?.id;
  expect(integrationId).toMatch(/^int_/);
  const memberUrl = `${baseURL}/api/v1/integrations/${integrationId}/groups/${group.id}/members/${user.id}`;
  const added = await fetch(memberUrl, { method: 'PUT', headers: auth });
  expect(added.status).toBe(200);
  expect(await added.json()).toMatchObject({ outcome: 'added', changed: true, oktaRequestId: expect.any(String) });
  expect(added.headers.get('x-ratelimit-limit')).toBe('600');
  const members = (await (await fetch(`${SIM_ORIGIN}/__sim/groups/${group.id}/member-ids`)).json()) as string[];
  expect(members).toContain(user.id);

  await page.reload();
  const usedRow = page.getByRole('row').filter({ hasText: tokenName });
  await expect(usedRow.getByRole('cell').nth(4)).not.toHaveText('Never');

  // Revoke, confirmed by name; the next call is refused.
  await usedRow.getByRole('button', { name: `Revoke ${tokenName}` }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`Revoke “${tokenName}”?`);
  await shot(page, 'api-tokens-revoke-confirm');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByText(`“${tokenName}” is revoked.`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: tokenName })).toContainText('Revoked');
  await shot(page, 'api-tokens-revoked');

  const refused = await fetch(memberUrl, { method: 'DELETE', headers: auth });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(await refused.json()).toMatchObject({
    error: { code: 'invalid_token', message: expect.stringMatching(/revoked/) },
  });
  expect((await (await fetch(`${SIM_ORIGIN}/__sim/groups/${group.id}/member-ids`)).json()) as string[]).toContain(
    user.id,
  );

  // The change is in the audit log under the token's name.
  await page.goto(`/audit?action=group.add_member`);
  await expect(page.getByRole('row').filter({ hasText: tokenName }).first()).toBeVisible();
});
