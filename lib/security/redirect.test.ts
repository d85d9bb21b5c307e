import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from './redirect';

const APP = 'http://127.0.0.1:3210';

describe('safeCallbackPath', () => {
  it.each([
    ['/directory', '/directory'],
    ['/directory/int_1/users/00u1?tab=apps#groups', '/directory/int_1/users/00u1?tab=apps#groups'],
    ['/audit?outcome=failure', '/audit?outcome=failure'],
    ['/jobs/a%20b', '/jobs/a%20b'],
  ])('keeps the same-origin path %s', (raw, want) => {
    expect(safeCallbackPath(raw, APP)).toBe(want);
  });

  it.each([
    '//evil.example/x',
    '/\\127.0.0.1:7954/x',
    '/\\/evil.example',
    '\\\\evil.example',
    '/\t/evil.example/x',
    '/\n/evil.example',
    '/%09/evil.example/x',
    '/%2F/evil.example',
    '/%2f%2fevil.example',
    '/%5C127.0.0.1:7954/x',
    '/%252F/evil.example',
    '/%25252F/evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    'https://evil.example/x',
    'http://127.0.0.1:3210.evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' /directory',
    'directory',
    '',
    '/%E0%A4%A',
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw, APP)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('refuses what is not a string', () => {
    expect(safeCallbackPath(undefined, APP)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath(['/a', '/b'], APP)).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});
