import { decodeJwt } from 'jose';
import { errors, generators, Issuer, type BaseClient } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';

// The org authorization server as an OIDC provider for a Web app, driven by openid-client (the library
// next-auth v4 uses): discovery, the authorize page, the code flow with PKCE, refresh, userinfo, logout.

const CALLBACK = 'https://console.example/api/auth/callback/okta';
const SIGNED_OUT = 'https://console.example/sign-in';

let sim: Simulator;
let client: BaseClient;
let clientId: string;
let userIds: { admin: string; outsider: string; other: string };
let adminsGroup: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  const app = sim.control.createWebApp({
    label: 'Console',
    redirectUris: [CALLBACK],
    postLogoutRedirectUris: [SIGNED_OUT],
    groupsFilter: 'Console .*',
  });
  clientId = app.clientId;
  adminsGroup = sim.control.createGroup({ name: 'Console Admins' }).id;
  sim.control.assignAppToGroup(clientId, adminsGroup);
  const admin = sim.control.createUser({ login: 'ann@example.com', firstName: 'Ann', lastName: 'Admin' });
  sim.control.addMember(adminsGroup, admin.id);
  const other = sim.control.createUser({ login: 'bo@example.com', firstName: 'Bo', lastName: 'Other' });
  sim.control.assignAppToUser(clientId, other.id);
  const outsider = sim.control.createUser({ login: 'out@example.com', firstName: 'Out', lastName: 'Sider' });
  userIds = { admin: admin.id, outsider: outsider.id, other: other.id };
  const issuer = await Issuer.discover(sim.origin);
  client = new issuer.Client({ client_id: clientId, client_secret: app.clientSecret, redirect_uris: [CALLBACK] });
});
afterAll(() => sim.close());

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  url: string;
}

function startFlow(extra: Record<string, string> = {}): Flow {
  const state = generators.state();
  const nonce = generators.nonce();
  const verifier = generators.codeVerifier();
  const url = client.authorizationUrl({
    scope: 'openid profile email groups offline_access',
    state,
    nonce,
    code_challenge: generators.codeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { state, nonce, verifier, url };
}

/** Opens the authorize page and signs in as `login` the way a browser would; returns the redirect back. */
async function signInAs(flow: Flow, login: string): Promise<URL> {
  const page = await fetch(flow.url);
  expect(page.status).toBe(200);
  const html = await page.text();
  const tx = /name="tx" value="([^"]+)"/.exec(html)?.[1];
  expect(tx).toBeDefined();
  const res = await fetch(`${sim.origin}/login/sim-sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ tx: tx!, username: login }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function signedIn(login = 'ann@example.com') {
  const flow = startFlow();
  const back = await signInAs(flow, login);
  const params = client.callbackParams(back.toString());
  const tokens = await client.callback(CALLBACK, params, {
    state: flow.state,
    nonce: flow.nonce,
    code_verifier: flow.verifier,
  });
  return { flow, params, tokens };
}

describe('discovery and keys', () => {
  it('publishes the org AS metadata with the sign-in endpoints and S256 only', () => {
    const m = client.issuer.metadata;
    expect(m.issuer).toBe(sim.origin);
    expect(m.authorization_endpoint).toBe(`${sim.origin}/oauth2/v1/authorize`);
    expect(m.userinfo_endpoint).toBe(`${sim.origin}/oauth2/v1/userinfo`);
    expect(m.end_session_endpoint).toBe(`${sim.origin}/oauth2/v1/logout`);
    expect(m.code_challenge_methods_supported).toEqual(['S256']);
  });
});

describe('the code flow with PKCE, state and nonce', () => {
  it('lists the people assigned to the app on the sign-in page', async () => {
    const html = await (await fetch(startFlow().url)).text();
    expect(html).toContain('Sign in as Ann Admin (ann@example.com)');
    expect(html).toContain('Sign in as Bo Other (bo@example.com)');
    expect(html).not.toContain('out@example.com');
  });

  it('issues an ID token with the groups that match the filter, a refresh token and the nonce', async () => {
    const { tokens, flow } = await signedIn();
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: sim.origin,
      aud: clientId,
      sub: userIds.admin,
      nonce: flow.nonce,
      email: 'ann@example.com',
      name: 'Ann Admin',
      preferred_username: 'ann@example.com',
      groups: ['Console Admins'],
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy();
    const info = await client.userinfo(tokens.access_token!);
    expect(info).toMatchObject({ sub: userIds.admin, email: 'ann@example.com' });
    expect(info).not.toHaveProperty('groups');
  });

  it('refuses a code used twice and revokes the refresh token the first use issued', async () => {
    const { tokens, params, flow } = await signedIn();
    const replay = client.callback(CALLBACK, params, {
      state: flow.state,
      nonce: flow.nonce,
      code_verifier: flow.verifier,
    });
    await expect(replay).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'The authorization code is invalid or has expired.',
    });
    await expect(client.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a token request without the PKCE verifier, and one with the wrong verifier', async () => {
    const flow = startFlow();
    const params = client.callbackParams((await signInAs(flow, 'ann@example.com')).toString());
    await expect(client.callback(CALLBACK, params, { state: flow.state, nonce: flow.nonce })).rejects.toMatchObject({
      error: 'invalid_request',
      error_description: 'PKCE code verifier is required by the application.',
    });
    const flow2 = startFlow();
    const params2 = client.callbackParams((await signInAs(flow2, 'ann@example.com')).toString());
    const wrong = client.callback(CALLBACK, params2, {
      state: flow2.state,
      nonce: flow2.nonce,
      code_verifier: generators.codeVerifier(),
    });
    await expect(wrong).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'PKCE verification failed.',
    });
  });

  it('refuses a wrong client secret', async () => {
    const flow = startFlow();
    const params = client.callbackParams((await signInAs(flow, 'ann@example.com')).toString());
    const bad = new client.issuer.Client({ client_id: clientId, client_secret: 'wrong', redirect_uris: [CALLBACK] });
    await expect(
      bad.callback(CALLBACK, params, { state: flow.state, nonce: flow.nonce, code_verifier: flow.verifier }),
    ).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('sends a user not assigned to the app back with access_denied', async () => {
    const flow = startFlow();
    const back = await signInAs(flow, 'out@example.com');
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'User is not assigned to the client application.',
      state: flow.state,
    });
    const err = await client
      .callback(CALLBACK, client.callbackParams(back.toString()), { state: flow.state, code_verifier: flow.verifier })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errors.OPError);
  });

  it('refuses a deactivated user on its own page, without saying why', async () => {
    const u = sim.control.createUser({ login: 'gone@example.com', firstName: 'Gone', lastName: 'User' });
    sim.control.assignAppToUser(clientId, u.id);
    sim.control.updateUser(u.id, { status: 'DEPROVISIONED' });
    const flow = startFlow();
    const html = await (await fetch(flow.url)).text();
    const tx = /name="tx" value="([^"]+)"/.exec(html)![1]!;
    const res = await fetch(`${sim.origin}/login/sim-sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ tx, username: 'gone@example.com' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Unable to sign in');
  });
});

describe('authorize refusals', () => {
  const authorize = (params: Record<string, string>) =>
    fetch(`${sim.origin}/oauth2/v1/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const base = () => ({
    client_id: clientId,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid',
    state: 'st-1',
    code_challenge: generators.codeChallenge(generators.codeVerifier()),
    code_challenge_method: 'S256',
  });

  it('shows its own error page for an unknown redirect_uri or client', async () => {
    const res = await authorize({ ...base(), redirect_uri: 'https://evil.example/cb' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      'The &#39;redirect_uri&#39; parameter must be a Login redirect URI in the client app settings.',
    );
    expect((await authorize({ ...base(), client_id: '0oaunknown' })).status).toBe(400);
  });

  it.each([
    [
      { code_challenge_method: 'plain' },
      'invalid_request',
      'PKCE code challenge method is not supported. Valid values: [S256]',
    ],
    [
      { scope: 'profile' },
      'invalid_scope',
      "Requests for ID tokens or access tokens with OpenID scopes require the 'openid' scope.",
    ],
    [
      { response_type: 'token' },
      'unsupported_response_type',
      'The response type is not supported by the authorization server. Configured response types: [code].',
    ],
    [{ prompt: 'none' }, 'login_required', 'The client specified not to prompt, but the user is not logged in.'],
  ])('redirects %j with %s', async (change, error, description) => {
    const res = await authorize({ ...base(), ...change });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe(error);
    expect(back.searchParams.get('error_description')).toBe(description);
  });

  it('requires PKCE of an app with pkce_required', async () => {
    const strict = sim.control.createWebApp({ redirectUris: [CALLBACK], pkceRequired: true });
    const { code_challenge: _c, code_challenge_method: _m, ...rest } = base();
    const res = await authorize({ ...rest, client_id: strict.clientId });
    expect(new URL(res.headers.get('location')!).searchParams.get('error_description')).toBe(
      'PKCE code challenge is required by the application.',
    );
  });
});

describe('refresh: groups are re-read, and Okta stops a removed or deactivated user', () => {
  it('a refreshed ID token carries the current groups', async () => {
    const { tokens } = await signedIn();
    sim.control.removeMember(adminsGroup, userIds.admin);
    // Still assigned (directly now), so the refresh works and the groups claim no longer names the admins group.
    sim.control.assignAppToUser(clientId, userIds.admin);
    const refreshed = await client.refresh(tokens.refresh_token!);
    expect(refreshed.claims().groups).toEqual([]);
    expect(decodeJwt(refreshed.id_token!).sub).toBe(userIds.admin);
    sim.control.addMember(adminsGroup, userIds.admin);
    expect((await client.refresh(tokens.refresh_token!)).claims().groups).toEqual(['Console Admins']);
  });

  it('refuses the refresh of a deactivated user', async () => {
    const { tokens } = await signedIn('bo@example.com');
    sim.control.updateUser(userIds.other, { status: 'DEPROVISIONED' });
    await expect(client.refresh(tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'The refresh token is invalid or expired.',
    });
  });
});

describe('logout', () => {
  it('ends the Okta session and returns to a registered sign-out URI; an unregistered one is refused', async () => {
    const { tokens } = await signedIn();
    const bad = await fetch(
      client.endSessionUrl({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example/' }),
      { redirect: 'manual' },
    );
    expect(bad.status).toBe(400);
    const res = await fetch(
      client.endSessionUrl({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT, state: 's1' }),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${SIGNED_OUT}?state=s1`);
    const forged = await fetch(`${sim.origin}/oauth2/v1/logout?id_token_hint=abc.def.ghi`, { redirect: 'manual' });
    expect(await forged.text()).toContain('The id_token_hint cannot be parsed.');
  });
});

describe('the demo org sign-in app', () => {
  it('registers the console sign-in app with one group per role and its people, again after a reset', async () => {
    const { startDemoOrg, DEMO_SIGN_IN } = await import('./demo');
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/demo-`);
    const demo = await startDemoOrg({
      keyFile: `${dir}/key.pem`,
      signIn: { consoleUrl: 'http://localhost:3999/', clientSecret: 'demo-secret-demo-secret' },
    });
    try {
      for (const round of [1, 2]) {
        expect(demo.signIn?.clientId).toBe(DEMO_SIGN_IN.clientId);
        const issuer = await Issuer.discover(demo.origin);
        const c = new issuer.Client({
          client_id: DEMO_SIGN_IN.clientId,
          client_secret: 'demo-secret-demo-secret',
          redirect_uris: ['http://localhost:3999/api/auth/callback/okta'],
        });
        const html = await (
          await fetch(
            c.authorizationUrl({
              scope: 'openid',
              state: `s${round}`,
              code_challenge: generators.codeChallenge(generators.codeVerifier()),
              code_challenge_method: 'S256',
            }),
          )
        ).text();
        for (const u of DEMO_SIGN_IN.users) expect(html).toContain(`(${u.login})`);
        await demo.control.reset();
      }
    } finally {
      await demo.close();
    }
  });
});
