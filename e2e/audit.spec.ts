import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { ADMIN, shot, signIn, waitForHydration } from './helpers';
import { createGroup, createUser, serviceApp } from './sim';
import { completeInstructionSteps, expectAccessible, fillConnection, saveAndTest } from './wizard';

// The audit log page: filters in the URL, cursor paging, CSV export. The admin comes from the foundation
// project. Paging needs more history than a few clicks make, so 130 older events are appended to the
// server's database first (append only, like the app itself).
test.describe.configure({ mode: 'serial' });

const SEEDED = 130;
// The membership change the last tests make and then find in the log.
const run = Date.now().toString(36);
const login = `erin.${run}@example.com`;
const groupName = `Audit Ends ${run}`;
const seedLabel = (i: number) => `Seed ${String(i).padStart(3, '0')}`;

test.beforeAll(() => {
  const db = new Database('e2e/.data/console.db');
  const insert = db.prepare(
    `insert into audit_events (id, at, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, integration_id, outcome, detail, okta_request_id, ip)
     values (?, ?, 'user', null, ?, ?, 'okta_group', ?, ?, null, 'success', null, null, '127.0.0.1')`,
  );
  const actor = (i: number) => (i === 0 ? '=cmd|calc' : i === 2 ? 'Sales, "EMEA"' : 'seeder@example.com');
  db.transaction(() => {
    for (let i = 0; i < SEEDED; i++) {
      const at = Date.UTC(2026, 0, 15, 10, 0) - i * 60_000;
      insert.run(
        `aud_e2eseed${String(i).padStart(12, '0')}`,
        at,
        actor(i),
        i % 2 ? 'e2e.seed_b' : 'e2e.seed_a',
        `00g${i}`,
        seedLabel(i),
      );
    }
  })();
  db.close();
});

/** The target cell of seeded event i: its kind, its label, then its Okta id. */
const seedCell = (page: Page, i: number) =>
  page.getByRole('cell', { name: `Group ${seedLabel(i)} 00g${i}`, exact: true });
const bodyRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('cell') });

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectTableFits(page: Page, viewportWidth: number) {
  const container = page.locator('[data-slot="table-container"]');
  expect(await container.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const last = await page.getByRole('columnheader', { name: 'Okta request' }).boundingBox();
  expect(last!.x + last!.width).toBeLessThanOrEqual(viewportWidth);
}

async function applyFilters(page: Page, set: (page: Page) => Promise<unknown>) {
  await set(page);
  await page.getByRole('button', { name: 'Apply filters' }).click();
}

test('filters by outcome, with the filter in a linkable URL', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('nobody-audit@example.com');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();

  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await applyFilters(page, (p) => p.getByLabel('Outcome').selectOption('failure'));
  await expect(page).toHaveURL(/\/audit\?outcome=failure$/);
  await expect(page.getByRole('cell', { name: 'nobody-audit@example.com' }).first()).toBeVisible();
  const rows = await bodyRows(page).count();
  expect(rows).toBeGreaterThan(0);
  await expect(page.getByRole('cell', { name: 'Failure' })).toHaveCount(rows);
  await expect(page.getByLabel('Outcome')).toHaveValue('failure');
  // Each event's recorded detail opens under its outcome: here, why the sign-in failed.
  const failed = bodyRows(page).filter({ hasText: 'nobody-audit@example.com' }).first();
  await failed.getByText('Details').click();
  await expect(failed.getByText(/reason: wrong_credentials/)).toBeVisible();
  await shot(page, 'audit-filter-outcome');
  await expectAccessible(page);

  // The same URL opened fresh shows the same view.
  await page.goto('/audit?outcome=failure');
  await expect(page.getByRole('cell', { name: 'Failure' })).toHaveCount(rows);
});

test('filters by action', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/audit');
  await applyFilters(page, (p) => p.getByLabel('Action').selectOption('auth.sign_in'));
  await expect(page).toHaveURL(/\/audit\?action=auth\.sign_in$/);
  const rows = await bodyRows(page).count();
  expect(rows).toBeGreaterThan(1);
  await expect(page.getByRole('cell', { name: 'auth.sign_in', exact: true })).toHaveCount(rows);
  await expect(page.getByRole('cell', { name: 'Success' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Failure' }).first()).toBeVisible();
});

test('pages through a filtered view with the cursor, keeping the filters', async ({ page }) => {
  await signIn(page, ADMIN);
  // By URL: the action menu lists names seen up to a few minutes ago, and the seeded ones are newer.
  await page.goto('/audit?action=e2e.*');
  await expect(page.getByLabel('Action')).toHaveValue('e2e.*');
  await applyFilters(page, async (p) => {
    await p.getByLabel('From (UTC)').fill('2026-01-15');
    await p.getByLabel('To (UTC, inclusive)').fill('2026-01-15');
  });
  await expect(page).toHaveURL(/action=e2e\.\*&from=2026-01-15&to=2026-01-15$/);
  const seen: string[] = [];
  for (const expected of [50, 50, 30]) {
    await expect(seedCell(page, seen.length)).toBeVisible(); // the new page has rendered
    await expect(bodyRows(page)).toHaveCount(expected);
    const targets = await page.getByRole('cell', { name: /^Group Seed \d{3}\b/ }).allTextContents();
    seen.push(...targets.map((t) => /Seed \d{3}/.exec(t)![0]));
    const older = page.getByRole('link', { name: 'Older' });
    if (seen.length < SEEDED) {
      await older.click();
      await expect(page).toHaveURL(/action=e2e\.\*&from=2026-01-15&to=2026-01-15&cursor=/);
    } else await expect(older).toHaveCount(0);
  }
  expect(seen).toEqual(Array.from({ length: SEEDED }, (_, i) => seedLabel(i)));
  await shot(page, 'audit-last-page');
  await page.getByRole('link', { name: 'Newest' }).click();
  await expect(seedCell(page, 0)).toBeVisible();
  await expect(page).toHaveURL(/\/audit\?action=e2e\.\*&from=2026-01-15&to=2026-01-15$/);
});

test('exports the filtered view as CSV', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/audit?action=e2e.seed_a');
  await expect(bodyRows(page)).toHaveCount(50);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{8}T\d{6}Z\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe(
    'time,actor,actor_type,actor_id,action,outcome,integration,integration_id,target_type,target_id,target,second_target_type,second_target_id,second_target,okta_request_id,ip,detail,event_id',
  );
  expect(lines.at(-1)).toBe('');
  const rows = lines.slice(1, -1);
  expect(rows).toHaveLength(SEEDED / 2);
  expect(rows.every((r) => r.includes(',e2e.seed_a,success,'))).toBe(true);
  expect(rows[0]).toMatch(/^2026-01-15T10:00:00\.000Z,'=cmd\|calc,user,,e2e\.seed_a,/);
  expect(rows[1]).toContain(',"Sales, ""EMEA""",user,');

  // The export is on the log too.
  await page.goto('/audit?action=audit.export');
  await expect(page.getByRole('cell', { name: 'audit.export' }).first()).toBeVisible();
});

test('invalid filters get a clear message, not a crash', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/audit?outcome=maybe&from=2026-03-04&to=2026-03-01');
  await expect(page.getByText('Some filters are not valid')).toBeVisible();
  await expect(page.getByText('Choose success, failure or denied')).toBeVisible();
  await expect(page.getByText('The end date is before the start date')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByLabel('To (UTC, inclusive)')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'audit-invalid-filter');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('table')).toBeVisible();
});

test('an admin adds a user to a group in a connected org', async ({ page }) => {
  test.setTimeout(180_000); // the whole wizard, then the directory: a long story on a busy machine
  const user = await createUser(login, 'Erin', 'Ends');
  await createGroup(groupName);
  const app = await serviceApp();
  await signIn(page, ADMIN);
  await completeInstructionSteps(page);
  await fillConnection(page, { name: `Audit org ${run}`, clientId: app.clientId, kid: app.kid, key: app.pkcs8 });
  await saveAndTest(page);
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  // The change, as an admin makes it: the user's page, Add to group.
  await page.getByRole('link', { name: 'Directory' }).first().click();
  await page.getByRole('link', { name: `Audit org ${run}` }).click();
  await expect(page).toHaveURL(/\/directory\/int_/);
  await page.goto(`${new URL(page.url()).pathname}/users/${user.id}`);
  await waitForHydration(page, '[role="combobox"]');
  await page.getByRole('combobox', { name: 'Add to group' }).fill(groupName);
  await page.getByRole('option', { name: new RegExp(groupName) }).click();
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByText(`${login} added to ${groupName}.`)).toBeVisible();
});

test('the change names the user and the group, is found by either, and the table fits 1366 px', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/audit');
  // Found by the group's name, and by the user's: either end of the change matches the Target filter.
  for (const target of [groupName, login]) {
    await waitForHydration(page);
    await applyFilters(page, (p) => p.getByLabel('Target').fill(target));
    await expect(page).toHaveURL(new RegExp(`/audit\\?${esc(new URLSearchParams({ target }).toString())}$`));
    const row = bodyRows(page).filter({ hasText: 'group.add_member' });
    await expect(row).toHaveCount(1);
    // The row names both ends, each with its kind and its Okta id: the user, then the group.
    await expect(
      row.getByRole('cell', { name: new RegExp(`^User ${esc(login)} 00u\\w+ Group ${esc(groupName)} 00g\\w+$`) }),
    ).toBeVisible();
  }

  // At 1366 px the whole table is on screen: nothing scrolls sideways, the last column is not cut; so too for the
  // unfiltered log, whose rows (long actors, integration names, ids) are wider.
  await expectTableFits(page, 1366);
  await shot(page, 'audit-both-ends-1366');
  await expectAccessible(page);
  await page.goto('/audit');
  await expect(bodyRows(page)).toHaveCount(50);
  await expectTableFits(page, 1366);
  await shot(page, 'audit-1366');
});
