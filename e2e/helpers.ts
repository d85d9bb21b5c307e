import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'admin password 123' };
export const OPERATOR = { name: 'Otto Operator', email: 'otto@example.com', password: 'operator password 123' };

/** The first-run link the server printed to its log (scripts/e2e-server.mjs keeps a copy). */
export function firstRunLinkFromLog(): string {
  const log = fs.readFileSync('e2e/.data/server.log', 'utf8');
  const match = /https?:\/\/\S+\/first-run\?token=[A-Za-z0-9_-]+/.exec(log);
  if (!match) throw new Error('the server log has no first-run link');
  return match[0];
}

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/**
 * Waits until React has hydrated the page's forms (it attaches its props to the DOM nodes then). Text typed
 * into a server-rendered form before that can be lost when React takes the inputs over.
 */
export async function waitForHydration(page: Page, selector = 'form') {
  await page.waitForFunction((sel) => {
    const forms = [...document.querySelectorAll(sel)];
    return forms.length > 0 && forms.every((f) => Object.keys(f).some((k) => k.startsWith('__reactProps$')));
  }, selector);
}

/**
 * Closes every toast with its close button before reaching a row the bottom-right toasts cover. The pointer
 * resting on a toast pauses its timer, so it moves away first; a toast may also close by itself between
 * being found and being clicked (CI caught a click waiting forever for one that had just gone), so the
 * buttons are pressed inside the page in one go, and again until none is left.
 */
export async function closeToasts(page: Page) {
  await page.mouse.move(0, 0);
  await expect(async () => {
    await page.evaluate(() => {
      document
        .querySelectorAll<HTMLButtonElement>('[data-sonner-toast] button[aria-label="Close toast"]')
        .forEach((b) => b.click());
    });
    await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
}
