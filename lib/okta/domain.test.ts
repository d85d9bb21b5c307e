import { describe, expect, it } from 'vitest';
import { isAllowlisted, normalizeOktaDomain } from './domain';
import { validateClientId, validateKeyId } from './ids';

const opts = { allowedOrigins: [] as string[] };
const norm = (s: string, o: Parameters<typeof normalizeOktaDomain>[1] = opts) => normalizeOktaDomain(s, o);

describe('normalizeOktaDomain', () => {
  it.each([
    'acme.okta.com',
    'https://acme.okta.com/',
    'ACME.okta.com',
    '  https://Acme.Okta.com  ',
    'acme.oktapreview.com',
    'acme.okta-emea.com',
    'acme.okta-gov.com',
    'acme.okta.mil',
  ])('accepts %s', (input) => {
    const r = norm(input);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r).toMatchObject({
        kind: 'okta',
        origin: expect.stringMatching(/^https:\/\/acme\.okta[a-z.-]*$/) as unknown,
      });
  });

  it('gives the canonical origin', () => {
    expect(norm('https://ACME.okta.com/')).toEqual({ ok: true, origin: 'https://acme.okta.com', kind: 'okta' });
  });

  it.each([
    ['acme-admin.okta.com', 'acme.okta.com'],
    ['https://acme-admin.okta.com/admin/dashboard', 'acme.okta.com'],
    ['https://acme-admin.okta.com/admin/app/oidc_client/instance/0oa1?tab=general#x', 'acme.okta.com'],
    ['https://ACME-Admin.Okta.com:443/', 'acme.okta.com'],
    ['http://acme-admin.okta.com/admin/dashboard', 'acme.okta.com'],
    ['https://acme-admin.oktapreview.com/admin/dashboard', 'acme.oktapreview.com'],
    ['https://dev-123456-admin.okta-emea.com/admin/people', 'dev-123456.okta-emea.com'],
    ['my-org-admin.okta.com', 'my-org.okta.com'],
  ])('answers the Admin Console address %j with the org domain %s, offered for acceptance', (input, org) => {
    const r = norm(input);
    expect(r).toMatchObject({ ok: false, code: 'admin_domain', suggestion: org, hint: `Use ${org}.` });
    expect(norm(org)).toEqual({ ok: true, origin: `https://${org}`, kind: 'okta' });
  });

  it('never offers the -admin host itself', () => {
    for (const input of ['https://acme-admin.okta.com/admin/dashboard', 'acme-admin.okta.com?x=1']) {
      const r = norm(input);
      expect(JSON.stringify(r)).not.toContain('acme-admin');
    }
  });

  it('offers the bare domain for a URL with a path, query or port, only when that domain passes', () => {
    expect(norm('https://acme.okta.com/app/UserHome')).toMatchObject({ code: 'has_path', suggestion: 'acme.okta.com' });
    expect(norm('acme.okta.com/?fromURI=x')).toMatchObject({ code: 'has_query', suggestion: 'acme.okta.com' });
    expect(norm('https://acme.okta.com:8443')).toMatchObject({ code: 'port', suggestion: 'acme.okta.com' });
    const ip = norm('https://10.0.0.1/x');
    expect(ip).toMatchObject({ ok: false, code: 'has_path' });
    if (!ip.ok) expect([ip.suggestion, ip.hint]).toEqual([undefined, undefined]);
    const allowed = { allowedOrigins: ['http://127.0.0.1:*'] };
    expect(norm('http://127.0.0.1:7070/oauth2/v1/token', allowed)).toMatchObject({
      code: 'has_path',
      suggestion: 'http://127.0.0.1:7070',
    });
  });

  it('does not mistake a name that merely contains "admin" for the Admin Console', () => {
    expect(norm('adminco.okta.com')).toMatchObject({ ok: true });
    expect(norm('acme-administration.okta.com')).toMatchObject({ ok: true });
    expect(norm('-admin.okta.com')).toMatchObject({ ok: false, code: 'invalid' });
  });

  it.each([
    ['', 'empty'],
    ['https://{yourOktaDomain}', 'placeholder'],
    ['${yourOktaDomain}', 'placeholder'],
    ['http://acme.okta.com', 'not_https'],
    ['ftp://acme.okta.com', 'not_https'],
    ['https://user:pw@acme.okta.com', 'credentials_in_url'],
    ['https://acme.okta.com/oauth2/v1/token', 'has_path'],
    ['acme.okta.com/app', 'has_path'],
    ['https://acme.okta.com?x=1', 'has_query'],
    ['https://acme.okta.com#x', 'has_query'],
    ['https://10.0.0.1', 'ip_literal'],
    ['127.0.0.1', 'ip_literal'],
    ['https://[::1]', 'ip_literal'],
    ['https://acme.okta.com:8443', 'port'],
    ['https://acme.okta.com.com', 'typo'],
    ['https://https://acme.okta.com', 'typo'],
    ['login.acme.com', 'custom_domain_not_allowed'],
    ['localhost', 'invalid'],
    ['a.b.okta.com', 'invalid'],
    ['https://acme.okta.com.evil.com', 'custom_domain_not_allowed'],
    ['okta.com', 'custom_domain_not_allowed'],
  ])('refuses %j as %s', (input, code) => {
    expect(norm(input)).toMatchObject({ ok: false, code });
  });

  it('allows a custom URL domain only when the integration says so', () => {
    expect(norm('login.acme.com', { allowedOrigins: [], allowCustomDomain: true })).toEqual({
      ok: true,
      origin: 'https://login.acme.com',
      kind: 'custom',
    });
    expect(norm('http://login.acme.com', { allowedOrigins: [], allowCustomDomain: true })).toMatchObject({
      ok: false,
      code: 'not_https',
    });
    expect(norm('https://10.1.1.1', { allowedOrigins: [], allowCustomDomain: true })).toMatchObject({
      ok: false,
      code: 'ip_literal',
    });
  });

  it('allows other origins only through the explicit allowlist, port wildcards included', () => {
    const allow = { allowedOrigins: ['http://127.0.0.1:*', 'http://localhost:7070'] };
    expect(norm('http://127.0.0.1:41234', allow)).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:41234',
      kind: 'allowlisted',
    });
    expect(norm('http://localhost:7070/', allow)).toEqual({
      ok: true,
      origin: 'http://localhost:7070',
      kind: 'allowlisted',
    });
    expect(norm('http://localhost:7071', allow)).toMatchObject({ ok: false });
    expect(norm('http://127.0.0.2:41234', allow)).toMatchObject({ ok: false, code: 'not_https' });
    expect(norm('https://127.0.0.1:41234', allow)).toMatchObject({ ok: false });
    expect(norm('http://127.0.0.1:41234/api', allow)).toMatchObject({ ok: false, code: 'has_path' });
  });

  it('isAllowlisted ignores blank and malformed entries', () => {
    expect(isAllowlisted(new URL('http://127.0.0.1:1'), ['', 'not a url'])).toBe(false);
  });
});

describe('validateClientId / validateKeyId', () => {
  it('accepts what Okta shows and explains what it refuses', () => {
    expect(validateClientId(' 0oar95zt9zIpYuz6A0h7 ')).toEqual({ ok: true, value: '0oar95zt9zIpYuz6A0h7' });
    expect(validateClientId('')).toMatchObject({
      ok: false,
      message: expect.stringContaining('General tab') as unknown,
    });
    expect(validateClientId('0oa r95')).toMatchObject({ ok: false });
    expect(validateClientId('https://acme.okta.com')).toMatchObject({ ok: false });
    expect(validateKeyId('XUl71vpgPXgxSTCYHbvbEHDrtj-adpVcxXH3TKjKe7w')).toMatchObject({ ok: true });
    expect(validateKeyId('')).toMatchObject({ ok: false });
    expect(validateKeyId('two words')).toMatchObject({ ok: false });
    expect(validateKeyId('-----BEGIN')).toMatchObject({ ok: false });
  });
});
