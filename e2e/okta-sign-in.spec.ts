import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, shot, signIn } from './helpers';
import { addMember, createUser, groupIdByName, removeMember, userIdByLogin } from './sim';
import { expectAccessible } from './wizard';

// Sign-in with Okta through the simulator's demo org (its sign-in app, sim/okta/demo.ts DEMO_SIGN_IN): the role
// comes from the Okta groups, a person in none of them is refused, and a removal from the admin group in Okta
// lowers the role within OKTA_SIGNIN_ROLE_RECHECK_SECONDS (1 s in playwright.config.ts; 300 s by default).
test.describe.configure({ mode: 'serial' });

const CASEY = { name: 'Casey Admin', login: 'casey.admin@example.com' };
const OLIVE = { name: 'Olive Operator', login: 'olive.operator@example.com' };
const NORA = { name: 'Nora Nogroup', login: 'nora.nogroup@example.com' };

/** From the console's sign-in page through the simulator's sign-in page, as `who`. */
async function oktaSignIn(page: Page, who: { name: string; login: string }) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Okta (demo org)' }).click();
  await expect(page.getByRole('heading', { name: 'Sign In' })).toBeVisible();
  await page.getByRole('button', { name: `Sign in as ${who.name} (${who.login})` }).click();
}

async function signedInAs(browser: Browser, who: { name: string; login: string }) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await oktaSignIn(page, who);
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
  return { ctx, page };
}

test('the sign-in page offers Okta next to the password form', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in with Okta (demo org)' })).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await shot(page, 'sign-in-with-okta');
  await expectAccessible(page);
});

test('an admin of the Okta group signs in as admin and manages console users', async ({ browser }) => {
  const { ctx, page } = await signedInAs(browser, CASEY);
  await expect(page.getByLabel('Role: Admin')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Console users' })).toBeVisible();
  // Casey's role follows her Okta groups: Settings shows it, with no role picker.
  await expect(page.getByRole('row').filter({ hasText: CASEY.login })).toContainText('AdminFrom Okta groups');
  await expect(page.getByLabel(`Role of ${CASEY.login}`)).toHaveCount(0);
  await ctx.close();
});

test('an operator of the Okta group signs in as operator and cannot manage console users', async ({ browser }) => {
  const { ctx, page } = await signedInAs(browser, OLIVE);
  await expect(page.getByLabel('Role: Operator')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Console users' })).toHaveCount(0);
  await ctx.close();
});

test('a person in none of the console groups is refused with the groups to ask for', async ({ page }) => {
  await oktaSignIn(page, NORA);
  await expect(page.getByRole('heading', { name: 'Sign-in refused' })).toBeVisible();
  await expect(page.getByText('in none of the Okta groups that give a role')).toBeVisible();
  await expect(
    page.getByText(/Console Admins \(Admin\), Access Ops \(Operator\), Console Viewers \(Viewer\)/),
  ).toBeVisible();
  await shot(page, 'okta-sign-in-refused-no-group');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
});

test("a person not assigned to the app in Okta sees Okta's reason", async ({ page }) => {
  await createUser('pat.unassigned@example.com', 'Pat', 'Unassigned');
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with Okta (demo org)' }).click();
  await page.getByLabel('Username').fill('pat.unassigned@example.com');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in refused' })).toBeVisible();
  await expect(page.getByText('Okta says: “User is not assigned to the client application.”')).toBeVisible();
});

test('removed from the admin group in Okta, the admin drops to operator, then out; sign-out ends the Okta session', async ({
  browser,
}) => {
  const { ctx, page } = await signedInAs(browser, CASEY);
  await expect(page.getByLabel('Role: Admin')).toBeVisible();
  const casey = await userIdByLogin(CASEY.login);
  const admins = await groupIdByName('Console Admins');
  const ops = await groupIdByName('Access Ops');
  await addMember(ops, casey);
  await removeMember(admins, casey);
  await expect(async () => {
    await page.reload();
    await expect(page.getByLabel('Role: Operator')).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Console users' })).toHaveCount(0);
  await shot(page, 'okta-role-dropped');

  // Signing out goes through Okta's logout: the next "Sign in with Okta" asks who again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByRole('button', { name: 'Sign in with Okta (demo org)' }).click();
  await expect(page.getByRole('heading', { name: 'Sign In' })).toBeVisible();
  await page.getByRole('button', { name: `Sign in as ${CASEY.name} (${CASEY.login})` }).click();
  await expect(page.getByLabel('Role: Operator')).toBeVisible();

  // Out of every console group: the next check ends the session.
  await removeMember(ops, casey);
  await expect(async () => {
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/, { timeout: 2_000 });
  }).toPass();
  await addMember(admins, casey);
  await ctx.close();
});

test('a password account is linked to Okta only on purpose: its owner confirms the password, then signs in', async ({
  page,
  browser,
}) => {
  const LIN = { name: 'Lin Linker', email: 'lin@example.com', password: 'linker password 123' };
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Name', { exact: true }).fill(LIN.name);
  await page.getByLabel('Email').fill(LIN.email);
  await page.getByLabel('Initial password').fill(LIN.password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('row').filter({ hasText: LIN.email })).toHaveCount(1);
  const okta = await createUser('lin.okta@example.com', 'Lin', 'Okta');
  await addMember(await groupIdByName('Access Ops'), okta.id);

  const ctx = await browser.newContext();
  const lin = await ctx.newPage();
  await signIn(lin, LIN);
  await lin.getByRole('link', { name: 'Settings' }).click();
  await lin.getByLabel('Current password').fill('not my password');
  await lin.getByRole('button', { name: 'Link to Okta' }).click();
  await expect(lin.getByText('Wrong password')).toBeVisible();
  await expectAccessible(lin);
  await lin.getByLabel('Current password').fill(LIN.password);
  await lin.getByRole('button', { name: 'Link to Okta' }).click();
  await lin.getByRole('button', { name: 'Sign in as Lin Okta (lin.okta@example.com)' }).click();
  await expect(lin.getByText(`Lin Okta · ${LIN.email} · Operator`)).toBeVisible(); // the name now comes from Okta
  await expect(lin.getByText('Signs in with Okta')).toBeVisible();
  await expect(lin.getByLabel('Role: Operator')).toBeVisible();
  await shot(lin, 'okta-linked');
  await ctx.close();
});
