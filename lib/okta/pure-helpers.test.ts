import { describe, expect, it } from 'vitest';
import { fullJitterDelay, rateLimitWait, readRateLimit, resetToLocal } from './backoff';
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

  it('uses the Date header, not our clock, to turn X-Rate-Limit-Reset into a wait', () => {
    // Our clock is 10 minutes ahead of Okta's: a naive reset - now would be negative.
    const local = Date.parse('2026-01-01T00:10:00Z');
    const clock = new ServerClock(() => local);
    const headers = {
      'x-rate-limit-reset': String(Date.parse('2026-01-01T00:00:30Z') / 1000),
      date: 'Thu, 01 Jan 2026 00:00:00 GMT',
    };
    expect(rateLimitWait(headers, clock, 60_000, () => 0)).toBe(31_000);
    expect(resetToLocal(Date.parse('2026-01-01T00:00:30Z') / 1000, headers.date, clock)).toBe(local + 31_000);
  });

  it('bounds the wait and reads the tightest of comma-joined values', () => {
    const clock = new ServerClock(() => 0);
    const headers = {
      'x-rate-limit-reset': '99999,5',
      'x-rate-limit-remaining': '7, 3',
      'x-rate-limit-limit': '600',
      date: new Date(0).toUTCString(),
    };
    expect(readRateLimit(headers, clock)).toEqual({ limit: 600, remaining: 3, resetLocal: 6000 });
    expect(
      rateLimitWait({ 'x-rate-limit-reset': '99999', date: new Date(0).toUTCString() }, clock, 60_000, () => 0),
    ).toBe(60_000);
    expect(rateLimitWait({}, clock, 60_000)).toBeUndefined();
  });

  it('learns clock skew from Date headers, ignoring sub-2s noise', () => {
    const clock = new ServerClock(() => 1_000_000);
    clock.observe(new Date(1_000_000 + 1500).toUTCString());
    expect(clock.now()).toBe(1_000_000);
    clock.observe(new Date(1_000_000 + 60_000).toUTCString());
    expect(clock.now()).toBe(1_060_000);
    expect(clock.toLocal(1_060_000)).toBe(1_000_000);
  });
});

describe('rate-limit buckets', () => {
  it("follows Okta's table: exact id paths apart from lists and nested paths", () => {
    expect(bucketFor('POST', '/oauth2/v1/token')).toBe('token');
    expect(bucketFor('GET', '/api/v1/apps')).toBe('apps');
    expect(bucketFor('GET', '/api/v1/apps/0oa1')).toBe('apps:id');
    expect(bucketFor('POST', '/api/v1/apps/0oa1/users')).toBe('apps');
    expect(bucketFor('GET', '/api/v1/groups/00g1')).toBe('groups:id');
    expect(bucketFor('PUT', '/api/v1/groups/00g1/users/00u1')).toBe('groups');
    expect(bucketFor('GET', '/api/v1/users')).toBe('users');
    expect(bucketFor('GET', '/api/v1/users/a@b.c')).toBe('users:get');
    expect(bucketFor('DELETE', '/api/v1/users/00u1')).toBe('users:write');
    expect(bucketFor('GET', '/api/v1/users/00u1/groups')).toBe('users:nested');
    expect(bucketFor('GET', '/api/v1/meta/types')).toBe('api');
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
