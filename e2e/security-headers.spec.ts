import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

// The CSP lets scripts run only with the nonce of the response that carried them (proxy.ts).
const nonceOf = (csp: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1];

test('every page gets a fresh script nonce, and its scripts carry it', async ({ request }) => {
  const [a, b] = await Promise.all([request.get('/sign-in'), request.get('/sign-in')]);
  const csp = a.headers()['content-security-policy'] ?? null;
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = nonceOf(csp);
  expect(nonce).toBeTruthy();
  expect(nonceOf(b.headers()['content-security-policy'] ?? null)).not.toBe(nonce);
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
});

test('signed-in pages hydrate under the policy with no violation reported', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, ADMIN); // a client-side form: it only works if the page's scripts ran
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});
