import { afterEach, describe, expect, it, vi } from 'vitest';

// lib/env.ts reads process.env once, at import: each case imports a fresh copy with its own variables.
const load = async (vars: Record<string, string>) => {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  return (await import('./env')).env;
};
const OKTA = {
  OKTA_SIGNIN_ISSUER: 'https://acme.okta.com',
  OKTA_SIGNIN_CLIENT_ID: '0oa1',
  OKTA_SIGNIN_CLIENT_SECRET: 'secret',
  OKTA_SIGNIN_ROLE_GROUPS: 'admin:Console Admins;viewer:Everyone',
};

afterEach(() => vi.unstubAllEnvs());

describe('sign-in with Okta settings', () => {
  it('are off when unset, with passwords on', async () => {
    const env = await load({});
    expect(env.oktaSignIn).toBeNull();
    expect(env.PASSWORD_SIGN_IN).toBe(true);
  });

  it('read the four variables, the role groups and the re-check interval', async () => {
    const env = await load({ ...OKTA, OKTA_SIGNIN_ROLE_RECHECK_SECONDS: '60', PASSWORD_SIGN_IN: 'false' });
    expect(env.oktaSignIn).toMatchObject({
      issuer: 'https://acme.okta.com',
      clientId: '0oa1',
      roleGroups: [
        { role: 'admin', group: 'Console Admins' },
        { role: 'viewer', group: 'Everyone' },
      ],
      label: 'Sign in with Okta',
      recheckMs: 60_000,
    });
    expect(env.PASSWORD_SIGN_IN).toBe(false);
  });

  it.each([
    [
      { OKTA_SIGNIN_ISSUER: 'https://acme.okta.com' },
      'OKTA_SIGNIN_CLIENT_ID, OKTA_SIGNIN_CLIENT_SECRET, OKTA_SIGNIN_ROLE_GROUPS: set with',
    ],
    [{ ...OKTA, OKTA_SIGNIN_ISSUER: 'https://acme.okta.com/' }, 'must not end with "/"'],
    [{ ...OKTA, OKTA_SIGNIN_ROLE_GROUPS: 'boss:Console Admins' }, 'OKTA_SIGNIN_ROLE_GROUPS: "boss:Console Admins"'],
    [{ PASSWORD_SIGN_IN: 'false' }, 'PASSWORD_SIGN_IN: false needs sign-in with Okta'],
  ])('refuse %j with a clear message', async (vars, message) => {
    await expect(load(vars)).rejects.toThrow(message);
  });
});
