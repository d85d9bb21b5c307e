import { OktaError, type OktaErrorKind } from '@/lib/okta/errors';
import { describe, expect, it } from 'vitest';
import { isTransient, nextTry, spell } from './transient';

const err = (kind: OktaErrorKind, status: number, errorCode?: string) => new OktaError({ kind, status, errorCode });

describe('isTransient', () => {
  it.each([
    ['a lost connection', err('network', 0), true],
    ['a timeout', err('timeout', 0), true],
    ['a 503', err('server_error', 503, 'E0000009'), true],
    ['a 500 without a body', err('server_error', 500), true],
    ['a 429 after lib/okta’s waits', err('rate_limited', 429, 'E0000047'), true],
    ['a body that is not Okta’s', err('invalid_response', 200), true],
    ['a 4xx without Okta’s code (a proxy)', err('client_error', 400), true],
    ['a 400 with Okta’s code', err('client_error', 400, 'E0000001'), false],
    ['a 403 E0000006', err('forbidden', 403, 'E0000006'), false],
    ['a 404', err('not_found', 404, 'E0000007'), false],
    ['a 404 without a code', err('not_found', 404), false],
    ['refused credentials', err('invalid_credentials', 401, 'invalid_client'), false],
    ['a bad configuration', err('config_invalid', 0), false],
    ['a redirect', err('client_error', 302), false],
  ])('%s: %s', (_, error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });

  it('is false for anything that is not an OktaError (a bug is no reason to retry)', () => {
    expect(isTransient(new Error('boom'))).toBe(false);
  });
});

describe('nextTry', () => {
  const policy = { baseMs: 1_000, maxDelayMs: 60_000, windowMs: 15 * 60_000 };
  const t0 = new Date(1_000_000);
  const at = (attempts: number, nowMs: number, retryAfterMs?: number) => ({
    attempts,
    failingSince: t0,
    now: new Date(t0.getTime() + nowMs),
    retryAfterMs,
  });
  const wait = (r: Date | null, nowMs: number) => r!.getTime() - t0.getTime() - nowMs;

  it('doubles per attempt with half of it random, up to the cap', () => {
    expect(
      wait(
        nextTry(policy, at(1, 0), () => 0),
        0,
      ),
    ).toBe(500);
    expect(
      wait(
        nextTry(policy, at(1, 0), () => 1),
        0,
      ),
    ).toBe(1_000);
    expect(
      wait(
        nextTry(policy, at(4, 0), () => 0),
        0,
      ),
    ).toBe(4_000);
    expect(
      wait(
        nextTry(policy, at(30, 0), () => 1),
        0,
      ),
    ).toBe(60_000);
  });

  it('waits at least until Okta’s rate limit resets', () => {
    expect(
      wait(
        nextTry(policy, at(1, 0, 30_000), () => 1),
        0,
      ),
    ).toBe(30_000);
  });

  it('tries a last time at the window’s end (not before a reset), then gives up', () => {
    const nearEnd = policy.windowMs - 10_000;
    expect(
      wait(
        nextTry(policy, at(30, nearEnd), () => 1),
        nearEnd,
      ),
    ).toBe(10_000);
    expect(
      wait(
        nextTry(policy, at(30, nearEnd, 20_000), () => 1),
        nearEnd,
      ),
    ).toBe(20_000);
    expect(nextTry(policy, at(30, policy.windowMs), () => 0)).toBeNull();
    expect(nextTry(policy, at(2, policy.windowMs + 1), () => 0)).toBeNull();
  });
});

describe('spell', () => {
  it('says seconds under two minutes, minutes above', () => {
    expect(spell(1_000)).toBe('1 second');
    expect(spell(40_000)).toBe('40 seconds');
    expect(spell(15 * 60_000)).toBe('15 minutes');
  });
});
