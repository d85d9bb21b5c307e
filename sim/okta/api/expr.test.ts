import { describe, expect, it } from 'vitest';
import { HttpError } from '../core/errors';
import { evaluate, parseExpr, pathGetter, validate } from './expr';

// The SCIM-style expression language behind `filter` and `search`.

const user = pathGetter({
  status: 'ACTIVE',
  lastUpdated: '2024-03-01T10:00:00.000Z',
  profile: { lastName: 'Smith', department: 'Engineering' },
});

describe('parseExpr / evaluate', () => {
  it('handles and/or precedence and parentheses', () => {
    const e = parseExpr('status eq "SUSPENDED" or profile.lastName sw "Sm" and profile.department eq "Engineering"');
    expect(evaluate(e, user, false)).toBe(true);
    const p = parseExpr('(status eq "SUSPENDED" or profile.lastName sw "Sm") and profile.department eq "Sales"');
    expect(evaluate(p, user, false)).toBe(false);
  });

  it('compares ISO dates as instants', () => {
    expect(evaluate(parseExpr('lastUpdated gt "2024-01-01T00:00:00.000Z"'), user, false)).toBe(true);
    expect(evaluate(parseExpr('lastUpdated lt "2024-01-01T00:00:00.000Z"'), user, false)).toBe(false);
  });

  it('is case-sensitive for filter and case-insensitive for search values', () => {
    const e = parseExpr('profile.lastName eq "smith"');
    expect(evaluate(e, user, false)).toBe(false);
    expect(evaluate(e, user, true)).toBe(true);
  });

  it.each([
    'status eq',
    'status eq "A" and',
    '(status eq "A"',
    'status foo "A"',
    'status eq "bad\\q"',
    'status eq "A")',
  ])('refuses malformed %s with E0000031', (text) => {
    let error: unknown;
    try {
      parseExpr(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).body).toMatchObject({ errorCode: 'E0000031' });
  });

  it('validate refuses operators an endpoint does not support', () => {
    expect(() => validate(parseExpr('status ne "ACTIVE"'), (c) => c.op !== 'ne')).toThrow(HttpError);
    expect(() => validate(parseExpr('not (status eq "ACTIVE")'), () => true)).toThrow(HttpError);
  });
});
