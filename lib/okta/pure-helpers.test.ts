import { describe, expect, it } from 'vitest';
import { fullJitterDelay, rateLimitWait, readRateLimit } from './backoff';
import { bucketFor } from './buckets';
import { ServerClock } from './clock';
import { OktaError } from './errors';
import { nextLink, parseLinks } from './link-header';
import { seg } from './path';
import { errorFromResponse, parseChallenge } from './response-error';

describe('Link header', () => {
  it('finds rel="next" on separate header lines and exactly as given', () => {
    const next = 'https://acme.okta.com/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200';
    expect(nextLink(['<https://acme.okta.com/api/v1/users?limit=200>; rel="self"', `<${next}>; rel="next"`])).toBe(
      next,
    );
  });
  it('finds it in comma-joined values, with unquoted rel and odd spacing', () => {
    const v = '<https://a.okta.com/x?limit=2,3>; rel="self", <https://a.okta.com/x?after=a%2Cb&limit=2> ;rel=next';
    expect(nextLink([v])).toBe('https://a.okta.com/x?after=a%2Cb&limit=2');
    expect(parseLinks([v]).map((l) => l.rel)).toEqual([['self'], ['next']]);
  });
  it('ends the list when there is no next', () => {
    expect(nextLink(['<https://a.okta.com/x?limit=200>; rel="self"'])).toBeUndefined();
    expect(nextLink([])).toBeUndefined();
  });
});

describe('backoff and rate limits', () => {
  it('full jitter stays within [0, min(cap, base·2^n))', () => {
    expect(fullJitterDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(fullJitterDelay(20, 100, 10_000, () => 0.999)).toBe(9990);
    expect(fullJitterDelay(5, 100, 10_000, () => 0)).toBe(0);
  });

  it("turns X-Rate-Limit-Reset into a wait on Okta's clock, learned from Date headers, not ours", () => {
    // Our clock is 10 minutes ahead of Okta's: a naive reset - now would be negative.
    const local = Date.parse('2026-01-01T00:10:00Z');
    const clock = new ServerClock(() => local);
    const headers = {
      'x-rate-limit-reset': String(Date.parse('2026-01-01T00:00:30Z') / 1000),
      date: 'Thu, 01 Jan 2026 00:00:00 GMT',
    };
    clock.observe(headers.date, local, local);
    // Okta's clock showed 00:00:00.000–00:00:00.999 when we were at local: at most 30 s to wait.
    expect(rateLimitWait(headers, clock, 60_000, () => 0)).toBe(30_000);
    expect(readRateLimit(headers, clock).resetLocal).toBe(local + 30_000);
  });

  it('bounds the wait and reads the tightest of comma-joined values', () => {
    const clock = new ServerClock(() => 0);
    clock.observe(new Date(0).toUTCString(), 0, 0);
    const headers = { 'x-rate-limit-reset': '99999,5', 'x-rate-limit-remaining': '7, 3', 'x-rate-limit-limit': '600' };
    expect(readRateLimit(headers, clock)).toEqual({ limit: 600, remaining: 3, reset: 5, resetLocal: 5000 });
    expect(rateLimitWait({ 'x-rate-limit-reset': '99999' }, clock, 60_000, () => 0)).toBe(60_000);
    expect(rateLimitWait({}, clock, 60_000)).toBeUndefined();
  });

  it("narrows Okta's clock offset below the Date header's second from answers that straddle its ticks", () => {
    let local = 1_000_000;
    const clock = new ServerClock(() => local);
    // Okta is 400 ms ahead. Answers come back 20 ms after we send; Okta writes them 10 ms after we send.
    const answer = (sent: number) => {
      const dateMs = Math.floor((sent + 10 + 400) / 1000) * 1000;
      clock.observe(new Date(dateMs).toUTCString(), sent, sent + 20);
    };
    for (let sent = 1_000_000; sent < 1_003_000; sent += 37) answer(sent);
    expect(Math.abs(clock.offset() - 400)).toBeLessThanOrEqual(20);
    // Waiting until notBefore(x) is never early: Okta's clock then shows x or later.
    expect(clock.notBefore(2_000_000) + 400).toBeGreaterThanOrEqual(2_000_000);
    expect(clock.notBefore(2_000_000) + 400).toBeLessThanOrEqual(2_000_000 + 20);
    // A clock step (Okta now an hour ahead) starts the bounds over.
    local = 1_010_000;
    clock.observe(new Date(1_010_000 + 3_600_000).toUTCString(), local - 20, local);
    expect(clock.now()).toBeGreaterThan(local + 3_599_000);
    // Before any answer: no offset, and resets are waited for a second past (the Date header's resolution).
    const fresh = new ServerClock(() => 0);
    expect(fresh.now()).toBe(0);
    expect(fresh.notBefore(5_000)).toBe(6_000);
  });
});

describe('rate-limit buckets', () => {
  // Every endpoint the console calls, with the entry of Okta's table it counts against (management-api.md §5).
  const TABLE: [method: string, path: string, bucket: string][] = [
    ['POST', '/oauth2/v1/token', 'token'],
    ['GET', '/oauth2/v1/clients/0oa9/roles', 'oauth2'],
    ['GET', '/oauth2/v1/clients/0oa9/roles/ra1/targets/groups', 'oauth2'],
    ['GET', '/api/v1/apps', 'apps'],
    ['GET', '/api/v1/apps/0oa1', 'apps:id'],
    ['GET', '/api/v1/apps/0oa1/users', 'apps'],
    ['GET', '/api/v1/apps/0oa1/users/00u1', 'apps'],
    ['POST', '/api/v1/apps/0oa1/users', 'apps'],
    ['DELETE', '/api/v1/apps/0oa1/users/00u1', 'apps'],
    ['GET', '/api/v1/apps/0oa1/groups', 'apps'],
    ['PUT', '/api/v1/apps/0oa1/groups/00g1', 'apps'],
    ['DELETE', '/api/v1/apps/0oa1/groups/00g1', 'apps'],
    ['GET', '/api/v1/groups', 'groups'],
    ['GET', '/api/v1/groups/rules', 'groups'],
    ['GET', '/api/v1/groups/00g1', 'groups:id'],
    ['GET', '/api/v1/groups/00g1/users', 'groups'],
    ['PUT', '/api/v1/groups/00g1/users/00u1', 'groups'],
    ['DELETE', '/api/v1/groups/00g1/users/00u1', 'groups'],
    ['GET', '/api/v1/users', 'users'],
    ['GET', '/api/v1/users/00u1', 'users:get'],
    ['GET', '/api/v1/users/rae.cloud+x@example.com', 'users:get'],
    ['GET', '/api/v1/users/00u1/groups', 'users'],
    ['GET', '/api/v1/users/00u1/appLinks', 'users'],
    ['DELETE', '/api/v1/users/00u1', 'users:write'],
    ['GET', '/api/v1/logs', 'logs'],
    ['GET', '/api/v1/iam/roles/cr0/permissions', 'api'],
    ['GET', '/api/v1/iam/resource-sets/iam1/resources', 'api'],
    ['GET', '/api/v1/meta/types', 'api'],
  ];
  it.each(TABLE)("%s %s counts in Okta's %s bucket", (method, path, bucket) => {
    expect(bucketFor(method, path)).toBe(bucket);
    expect(bucketFor(method, `${path}/`)).toBe(bucket);
  });
});

describe('path segments', () => {
  it("keeps @ and other pchar literal so DPoP htu matches Okta's decoded path", () => {
    expect(seg('rae.cloud+test@example.com')).toBe('rae.cloud+test@example.com');
    expect(seg('a/b?c#d e%')).toBe('a%2Fb%3Fc%23d%20e%25');
  });
});

describe('error responses', () => {
  it("reads Okta's error object with causes and request id", () => {
    const e = errorFromResponse(
      {
        status: 403,
        headers: { 'x-okta-request-id': 'req1' },
        body: JSON.stringify({
          errorCode: 'E0000046',
          errorSummary: 'Deactivate application for user forbidden.',
          errorCauses: [{ errorSummary: 'group grants access' }],
        }),
      },
      'DELETE',
      'https://a.okta.com/api/v1/apps/0oa/users/00u?sendEmail=true',
    );
    expect(e).toBeInstanceOf(OktaError);
    expect(e).toMatchObject({
      kind: 'forbidden',
      status: 403,
      errorCode: 'E0000046',
      causes: ['group grants access'],
      requestId: 'req1',
      path: '/api/v1/apps/0oa/users/00u',
    });
    expect(e.message).toContain('E0000046');
    expect(e.message).not.toContain('sendEmail');
  });

  it('reads an insufficient_scope challenge with an empty body', () => {
    const wa =
      'Bearer authorization_uri="http://a.okta.com/oauth2/v1/authorize", realm="http://a.okta.com", scope="okta.groups.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/groups"';
    expect(parseChallenge(wa)).toMatchObject({ scope: 'okta.groups.read', error: 'insufficient_scope' });
    const e = errorFromResponse(
      { status: 403, headers: { 'www-authenticate': wa }, body: '' },
      'GET',
      'https://a.okta.com/api/v1/groups',
    );
    expect(e).toMatchObject({
      kind: 'insufficient_scope',
      requiredScope: 'okta.groups.read',
      errorCode: 'insufficient_scope',
    });
  });

  it('classifies 404, 429, 5xx and OAuth errors', () => {
    const mk = (status: number, body = '') =>
      errorFromResponse({ status, headers: {}, body }, 'GET', 'https://a.okta.com/x');
    expect(mk(404)).toMatchObject({ kind: 'not_found', retryable: false });
    expect(mk(429)).toMatchObject({ kind: 'rate_limited', retryable: true });
    const limited = errorFromResponse(
      { status: 429, headers: { 'x-rate-limit-reset': '1000', date: new Date(990_000).toUTCString() }, body: '' },
      'GET',
      'https://a.okta.com/x',
    );
    expect(limited.retryAfterMs).toBe(11_000);
    expect(mk(503)).toMatchObject({ kind: 'server_error', retryable: true });
    expect(mk(400, '{"error":"invalid_dpop_proof","error_description":"x"}')).toMatchObject({
      kind: 'dpop_error',
      errorCode: 'invalid_dpop_proof',
    });
  });
});

describe('OktaError across module copies', () => {
  it('is recognised when another copy of lib/okta (another server chunk) threw it', async () => {
    const { vi } = await import('vitest');
    const here = await import('./errors');
    vi.resetModules();
    const there = await import('./errors');
    expect(there.OktaError).not.toBe(here.OktaError);
    const error = new there.OktaError({ kind: 'client_error', status: 400, errorCode: 'E0000009' });
    expect(error instanceof here.OktaError).toBe(false);
    expect(here.isOktaError(error)).toBe(true);
    expect(here.isOktaError(new Error('not Okta'))).toBe(false);
    expect(here.isOktaError({ name: 'OktaError' })).toBe(false);
  });
});
