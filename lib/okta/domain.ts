/**
 * Okta domain rules. This is the console's SSRF guard: a signed assertion or a token is only ever sent to an
 * origin that passed here, so it errs on the side of refusing.
 */

export type DomainProblem =
  | 'empty'
  | 'placeholder'
  | 'invalid'
  | 'not_https'
  | 'credentials_in_url'
  | 'has_path'
  | 'has_query'
  | 'ip_literal'
  | 'port'
  | 'admin_domain'
  | 'typo'
  | 'custom_domain_not_allowed';

export type DomainResult =
  | { ok: true; origin: string; kind: 'okta' | 'custom' | 'allowlisted' }
  | {
      ok: false;
      code: DomainProblem;
      message: string;
      hint?: string;
      /** The domain the admin most likely meant, offered for one-click acceptance (checked here again then). */
      suggestion?: string;
    };

/** Okta-hosted org suffixes (documented ones plus those Okta's own SDK validators know). */
export const OKTA_SUFFIXES = [
  'okta.com',
  'oktapreview.com',
  'okta-emea.com',
  'okta-gov.com',
  'okta.mil',
  'okta-miltest.com',
  'trex-gov.com',
] as const;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const fail = (code: DomainProblem, message: string, hint?: string, suggestion?: string): DomainResult => ({
  ok: false,
  code,
  message,
  ...(hint && { hint }),
  ...(suggestion && { suggestion }),
});

/** `acme-admin.okta.com` → `acme.okta.com`: the Admin Console's host mapped to the org's API host. */
function orgHostOfAdminHost(host: string): string | undefined {
  const suffix = OKTA_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  if (!suffix) return undefined;
  const sub = host.slice(0, -(suffix.length + 1));
  if (!sub.endsWith('-admin')) return undefined;
  const org = sub.slice(0, -'-admin'.length);
  return LABEL.test(org) ? `${org}.${suffix}` : undefined;
}

/** Normalise what an admin typed into an https origin, or say why it can't be used. */
export function normalizeOktaDomain(
  input: string,
  opts: { allowedOrigins: string[]; allowCustomDomain?: boolean },
): DomainResult {
  const raw = input.trim();
  if (raw === '') return fail('empty', 'Enter your Okta domain, e.g. acme.okta.com.');
  if (/[{}]|\$\{|youroktadomain|your-?org\b/i.test(raw)) {
    return fail(
      'placeholder',
      'That is a placeholder, not your Okta domain.',
      'Copy the domain from the Okta Admin Console (top-right menu), e.g. acme.okta.com.',
    );
  }
  if (/:\/\/.*:\/\//.test(raw) || /\.com\.com\b/i.test(raw)) {
    return fail('typo', "It looks like there's a typo in your Okta domain.");
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail('invalid', 'That is not a valid domain.');
  }
  if (url.username || url.password)
    return fail('credentials_in_url', 'Remove the user name or password from the domain.');
  // An Admin Console address (often a whole URL copied from the browser) has one right answer: the org domain.
  const orgHost = orgHostOfAdminHost(url.hostname);
  if (orgHost) {
    return fail(
      'admin_domain',
      'That is the Admin Console address; the API lives on the org domain, without "-admin".',
      `Use ${orgHost}.`,
      orgHost,
    );
  }
  // Without a path, query or fragment, and in the scheme typed unless it is the https the field implies;
  // offered only when that domain itself passes.
  const extra =
    url.pathname !== '/' && url.pathname !== ''
      ? 'a path'
      : url.search || raw.includes('?')
        ? 'a query string'
        : url.hash || raw.includes('#')
          ? 'a fragment'
          : undefined;
  if (extra) {
    const bare = url.protocol === 'https:' ? url.host : url.origin;
    const offer = normalizeOktaDomain(bare, opts).ok ? bare : undefined;
    return fail(
      extra === 'a path' ? 'has_path' : 'has_query',
      `Enter only the domain, without ${extra}.`,
      offer && `Use ${offer}.`,
      offer,
    );
  }

  if (isAllowlisted(url, opts.allowedOrigins)) return { ok: true, origin: url.origin, kind: 'allowlisted' };

  if (url.protocol !== 'https:') return fail('not_https', 'Okta domains are reached over https only.');
  const host = url.hostname;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) {
    return fail('ip_literal', 'Enter a domain name, not an IP address.');
  }
  if (url.port !== '') {
    const offerHost = normalizeOktaDomain(host, opts).ok ? host : undefined;
    return fail('port', 'Okta domains do not take a port number.', offerHost && `Use ${offerHost}.`, offerHost);
  }

  const suffix = OKTA_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  if (suffix) {
    const sub = host.slice(0, -(suffix.length + 1));
    if (!LABEL.test(sub)) return fail('invalid', `"${host}" is not an Okta org domain (expected name.${suffix}).`);
    return { ok: true, origin: `https://${host}`, kind: 'okta' };
  }
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    return fail('invalid', `"${host}" is not a valid domain name.`);
  }
  if (!opts.allowCustomDomain) {
    return fail(
      'custom_domain_not_allowed',
      `"${host}" is not an Okta-hosted domain (okta.com, oktapreview.com, okta-emea.com, ...).`,
      'Use your org domain such as acme.okta.com, or turn on "custom domain" for this integration.',
    );
  }
  return { ok: true, origin: `https://${host}`, kind: 'custom' };
}

/** True when `url`'s origin is listed, allowing `http://127.0.0.1:*`-style port wildcards. */
export function isAllowlisted(url: URL, allowedOrigins: string[]): boolean {
  return allowedOrigins.some((entry) => {
    const pattern = entry.trim().replace(/\/+$/, '');
    if (pattern === '') return false;
    if (pattern.endsWith(':*')) {
      const base = pattern.slice(0, -2).toLowerCase();
      return `${url.protocol}//${url.hostname}` === base && (url.port === '' || /^\d+$/.test(url.port));
    }
    try {
      return new URL(pattern).origin === url.origin;
    } catch {
      return false;
    }
  });
}
