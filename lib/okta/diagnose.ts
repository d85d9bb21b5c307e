import 'server-only';

import { z } from 'zod';
import { parseJson } from './api';
import { createOktaClient, type OktaClient } from './client';
import { explainKidInvalid, PROBLEM_COPY, type ProblemCode } from './diagnose-copy';
import { normalizeOktaDomain } from './domain';
import { isOktaError, type OktaError } from './errors';
import { validateClientId, validateKeyId } from './ids';
import { parsePrivateKey } from './key-parse';
import type { TokenInfo } from './token';
import { DEFAULT_SCOPES, LOGS_SCOPE, type OktaClientOptions, type OktaCredentials } from './types';
import { assessRoles, readOwnRoles, type WriteAccess } from './write-access';

export type CheckId =
  | 'key'
  | 'domain'
  | 'token'
  | 'dpop'
  | `scope:${string}`
  | 'probe:users'
  | 'probe:groups'
  | 'probe:apps'
  | 'roles'
  | 'logs'
  | 'write:memberships'
  | 'write:appAssignments';
export type Check = { id: CheckId; label: string; status: 'pass' | 'fail' | 'warn' | 'skip'; detail?: string };
export type ConnectionProblem = {
  code: ProblemCode;
  title: string;
  cause: string;
  fix: string[];
  requestId?: string;
  missingScopes?: string[];
};
export type ConnectionReport = {
  ok: boolean;
  checks: Check[];
  problem?: ConnectionProblem;
  grantedScopes: string[];
  dpop: boolean;
  /** Auto mode found that the app requires DPoP (save authMode 'dpop' to skip the detour). */
  switchedToDpop: boolean;
  requestIds: string[];
  /** May the app change memberships and app assignments: from its own roles, or unknown (never a pass). */
  writeAccess?: WriteAccess;
};

/**
 * Asked for by the test on top of the six; Okta drops a scope it has not granted (auth-and-dpop.md §2, partial
 * grant). okta.roles.read lets the app read its own admin roles; okta.logs.read enables the System Log views.
 */
const OPTIONAL_SCOPES = ['okta.roles.read', LOGS_SCOPE];

/** Checks credentials end to end (key, domain, token, DPoP, scopes, one read per area, roles) and explains failures. */
export async function testConnection(creds: OktaCredentials, opts: OktaClientOptions): Promise<ConnectionReport> {
  const report: ConnectionReport = {
    ok: false,
    checks: [],
    grantedScopes: [],
    dpop: false,
    switchedToDpop: false,
    requestIds: [],
  };
  const add = (check: Check) => report.checks.push(check);
  const problem = (code: ProblemCode, cause: string, extra: Partial<ConnectionProblem> = {}) => {
    report.problem ??= { code, title: PROBLEM_COPY[code].title, cause, fix: PROBLEM_COPY[code].fix, ...extra };
  };
  const finish = (client?: OktaClient) => {
    report.ok = !report.checks.some((c) => c.status === 'fail') && !report.problem;
    report.requestIds = client?.recentRequestIds() ?? [];
    return report;
  };

  const key = parsePrivateKey(creds.privateKey, { kid: creds.keyId });
  const kid = creds.keyId?.trim() ? validateKeyId(creds.keyId) : ({ ok: true } as const);
  if (!key.ok) {
    add({ id: 'key', label: 'Private key', status: 'fail', detail: key.message });
    problem('key_invalid', key.message);
  } else if (!kid.ok) {
    add({ id: 'key', label: 'Private key', status: 'fail', detail: kid.message });
    problem('invalid_credentials', kid.message);
  } else {
    const k = key.key;
    const shape = k.kty === 'RSA' ? `RSA ${k.bits ?? ''}-bit` : `EC ${k.curve ?? ''}`;
    const mismatch = k.kidMismatch
      ? ` The JWK's own kid "${k.jwkKid ?? ''}" differs from the KID entered; Okta matches the KID entered.`
      : '';
    add({
      id: 'key',
      label: 'Private key',
      status: k.kidMismatch ? 'warn' : 'pass',
      detail: `${shape}, ${k.format.toUpperCase()}, signs with ${k.alg}.${mismatch}`,
    });
  }

  const domain = normalizeOktaDomain(creds.domain, {
    allowedOrigins: opts.allowedOrigins,
    allowCustomDomain: creds.allowCustomDomain,
  });
  if (!domain.ok) {
    const cause = domain.hint ? `${domain.message} ${domain.hint}` : domain.message;
    add({ id: 'domain', label: 'Okta domain', status: 'fail', detail: cause });
    problem('domain_invalid', cause);
  }
  const clientId = validateClientId(creds.clientId);
  if (!clientId.ok) problem('invalid_credentials', clientId.message);
  if (!key.ok || !kid.ok || !domain.ok || !clientId.ok) {
    add({
      id: 'token',
      label: 'Access token',
      status: clientId.ok ? 'skip' : 'fail',
      detail: clientId.ok ? undefined : clientId.message,
    });
    return finish();
  }
  const domainCheck: Check = {
    id: 'domain',
    label: 'Okta domain',
    status: 'pass',
    detail: `${domain.origin} (${domain.kind === 'okta' ? 'Okta-hosted' : domain.kind === 'custom' ? 'custom domain' : 'allowlisted origin'})`,
  };
  add(domainCheck);

  // Diagnosis should answer in seconds, so no long 429 waits and fewer retries than bulk work gets.
  const scopes = creds.scopes?.length ? creds.scopes : [...DEFAULT_SCOPES];
  const client = createOktaClient(
    { ...creds, scopes: [...scopes, ...OPTIONAL_SCOPES] },
    {
      ...opts,
      maxRetries: Math.min(opts.maxRetries ?? 1, 1),
      maxRateLimitRetries: 1,
      maxRateLimitWaitMs: 5_000,
    },
  );
  let info: TokenInfo;
  try {
    info = await client.tokenInfo();
  } catch (error) {
    const e = asOktaError(error);
    if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'invalid_response') {
      domainCheck.status = 'fail';
      domainCheck.detail = `${domain.origin}: ${e.kind === 'invalid_response' ? 'does not answer like Okta' : (e.errorSummary ?? 'unreachable')}`;
    }
    add({ id: 'token', label: 'Access token', status: 'fail', detail: e.errorSummary });
    classifyTokenError(e, creds, problem);
    return finish(client);
  }
  report.grantedScopes = info.grantedScopes;
  report.dpop = info.dpop;
  report.switchedToDpop = info.switchedToDpop;
  add({
    id: 'token',
    label: 'Access token',
    status: 'pass',
    detail: `Issued (${info.dpop ? 'DPoP-bound' : 'Bearer'}).`,
  });
  add({
    id: 'dpop',
    label: 'DPoP',
    status: creds.authMode === 'dpop' && !info.dpop ? 'warn' : 'pass',
    detail: info.switchedToDpop
      ? 'The app requires DPoP; the console switched to DPoP automatically.'
      : info.dpop
        ? 'Tokens are DPoP-bound.'
        : creds.authMode === 'dpop'
          ? 'DPoP was requested but Okta issued a Bearer token.'
          : 'Not required by the app; Bearer tokens are used.',
  });

  for (const scope of scopes) {
    const granted = info.grantedScopes.includes(scope);
    add({
      id: `scope:${scope}`,
      label: scope,
      status: granted ? 'pass' : 'fail',
      detail: granted ? undefined : 'Not granted',
    });
  }
  const missingScopes = scopes.filter((s) => !info.grantedScopes.includes(s));
  if (missingScopes.length > 0) {
    problem('insufficient_scopes', `Okta did not grant: ${missingScopes.join(', ')}.`, { missingScopes });
  }

  for (const area of ['users', 'groups', 'apps'] as const) await probe(client, area, info, add, problem);
  report.writeAccess = await writeAccessChecks(client, creds, info, add, problem);
  add(await systemLogCheck(client, info));
  return finish(client);
}

/** The optional System Log: never a failure, since nothing else needs it; says what it enables and what is missing. */
async function systemLogCheck(client: OktaClient, info: TokenInfo): Promise<Check> {
  const label = 'System Log (optional)';
  const enables = 'who changed access and when on user, group and app pages, and changes made outside the console';
  if (!info.grantedScopes.includes(LOGS_SCOPE))
    return { id: 'logs', label, status: 'skip', detail: `Not granted. Grant ${LOGS_SCOPE} to show ${enables}.` };
  try {
    await client.api.call({ method: 'GET', path: '/api/v1/logs', query: { limit: 1 } });
    return { id: 'logs', label, status: 'pass', detail: `${LOGS_SCOPE} granted: shows ${enables}.` };
  } catch (error) {
    const e = asOktaError(error);
    // The scope only lets the token ask; the admin role decides (system-log.md §1). Custom roles have no such permission.
    const detail =
      e.kind === 'forbidden'
        ? `${LOGS_SCOPE} is granted but Okta refused to show the System Log: the app's admin role can't view it. Add Report Administrator (or Read-Only, Application or Org Administrator).`
        : `${LOGS_SCOPE} is granted but reading the System Log failed: ${e.errorSummary ?? e.kind}.`;
    return { id: 'logs', label, status: 'warn', detail };
  }
}

function classifyTokenError(
  e: OktaError,
  creds: OktaCredentials,
  problem: (code: ProblemCode, cause: string, extra?: Partial<ConnectionProblem>) => void,
): void {
  const said = e.errorSummary ? `Okta answered: "${e.errorSummary}"` : 'Okta refused the token request.';
  const extra = { requestId: e.requestId };
  switch (e.kind) {
    case 'network':
    case 'timeout':
      return problem('domain_unreachable', e.errorSummary ?? 'No answer from the domain.');
    case 'invalid_response':
      return problem('not_okta', `${e.errorSummary ?? 'Unexpected answer'} (HTTP ${e.status}).`, extra);
    case 'invalid_credentials': {
      if (!/client_assertion JWT kid is invalid/i.test(e.errorSummary ?? ''))
        return problem('invalid_credentials', said, extra);
      // The key parsed before the token request (key_invalid ends the test earlier), so this only reads its kid.
      const key = parsePrivateKey(creds.privateKey, { kid: creds.keyId });
      const { cause, fix } = explainKidInvalid({
        said,
        clientId: creds.clientId,
        entered: creds.keyId?.trim() || undefined,
        ...(key.ok && { jwkKid: key.key.jwkKid, thumbprint: key.key.thumbprint }),
      });
      return problem('kid_invalid', cause, { ...extra, fix });
    }
    case 'app_inactive':
      return problem(
        'app_inactive',
        `${said} Okta answers this way when the app is deactivated or does not use public/private key authentication.`,
        extra,
      );
    case 'dpop_required':
      return problem(
        'dpop_required',
        `${said} The app requires DPoP and the authentication mode is set to Bearer.`,
        extra,
      );
    case 'insufficient_scope':
      return problem('insufficient_scopes', said, { ...extra, missingScopes: creds.scopes ?? [...DEFAULT_SCOPES] });
    case 'rate_limited':
      return problem('rate_limited', said, extra);
    default:
      return problem('okta_error', `${said} (HTTP ${e.status || 'no answer'})`, extra);
  }
}

async function probe(
  client: OktaClient,
  area: 'users' | 'groups' | 'apps',
  info: TokenInfo,
  add: (c: Check) => void,
  problem: (code: ProblemCode, cause: string, extra?: Partial<ConnectionProblem>) => void,
): Promise<void> {
  const id = `probe:${area}` as const;
  const label = `Read ${area}`;
  // `manage` includes `read` (Okta's scope rule), so either one allows the probe.
  if (!info.grantedScopes.some((s) => s === `okta.${area}.read` || s === `okta.${area}.manage`)) {
    return add({ id, label, status: 'skip', detail: `Needs okta.${area}.read.` });
  }
  try {
    const res = await client.api.call({ method: 'GET', path: `/api/v1/${area}`, query: { limit: 1 } });
    const empty = parseJson(res, z.array(z.unknown()), 'GET', `/api/v1/${area}`).length === 0;
    // An org always has users (the admin who set this up), and an app with scopes but no admin role gets
    // 200 [] here instead of an error (admin-roles-and-permissions.md §4.4): a warning to look into, not a pass.
    if (area === 'users' && empty)
      add({
        id,
        label,
        status: 'warn',
        detail:
          'Okta answered with no users at all. Okta does this when the app has scopes but no admin role: check its Admin roles tab.',
      });
    else add({ id, label, status: 'pass' });
  } catch (error) {
    const e = asOktaError(error);
    add({ id, label, status: 'fail', detail: e.errorSummary });
    const extra = { requestId: e.requestId };
    if (e.kind === 'insufficient_scope') {
      const scope = e.requiredScope ?? `okta.${area}.read`;
      problem('insufficient_scopes', `Okta refused GET /api/v1/${area}: the token lacks ${scope}.`, {
        ...extra,
        missingScopes: [scope],
      });
    } else if (e.kind === 'forbidden') {
      problem(
        'insufficient_roles',
        `Okta refused GET /api/v1/${area}: "${e.errorSummary ?? 'forbidden'}". The app's admin roles don't cover ${area}.`,
        extra,
      );
    } else if (e.kind === 'rate_limited') {
      problem('rate_limited', `Okta rate-limited GET /api/v1/${area}.`, extra);
    } else {
      problem('okta_error', `GET /api/v1/${area} failed: ${e.message}`, extra);
    }
  }
}

async function writeAccessChecks(
  client: OktaClient,
  creds: OktaCredentials,
  info: TokenInfo,
  add: (c: Check) => void,
  problem: (code: ProblemCode, cause: string, extra?: Partial<ConnectionProblem>) => void,
): Promise<WriteAccess> {
  const label = 'Admin roles';
  let roles: Awaited<ReturnType<typeof readOwnRoles>> | null = null;
  let unreadable = 'The app may not read its own admin roles (that needs the optional okta.roles.read scope).';
  if (info.grantedScopes.includes('okta.roles.read') || info.grantedScopes.includes('okta.roles.manage')) {
    try {
      roles = await readOwnRoles(client.api, creds.clientId.trim());
    } catch (error) {
      unreadable = `Okta did not show the app its admin roles (${asOktaError(error).errorSummary ?? 'error'}).`;
    }
    if (roles && 'refused' in roles) {
      unreadable =
        'Okta refused to show the app its own admin roles: only a Super Administrator, or a custom role with okta.iam.read, may see them.';
      roles = null;
    }
  }
  if (!roles) {
    add({ id: 'roles', label, status: 'skip', detail: unreadable });
    const unknown = {
      state: 'unknown' as const,
      detail:
        'Not verified: reads cannot show it. Verify write access on the integration page, or let the app read its roles.',
    };
    add({ id: 'write:memberships', label: 'Change group memberships', status: 'warn', detail: unknown.detail });
    add({ id: 'write:appAssignments', label: 'Change app assignments', status: 'warn', detail: unknown.detail });
    return { roles: null, memberships: unknown, appAssignments: unknown };
  }
  const access = assessRoles(roles);
  add({
    id: 'roles',
    label,
    status: roles.length ? 'pass' : 'fail',
    detail: roles.length
      ? access.roles!.map((r) => `${r.label}: ${r.allows}.`).join(' ')
      : 'The app holds no admin role.',
  });
  for (const [cap, checkLabel] of [
    ['memberships', 'Change group memberships'],
    ['appAssignments', 'Change app assignments'],
  ] as const) {
    const reach = access[cap];
    add({
      id: `write:${cap}`,
      label: checkLabel,
      status: reach.state === 'yes' ? 'pass' : 'fail',
      detail: reach.detail,
    });
  }
  const missing = (['memberships', 'appAssignments'] as const).filter((c) => access[c].state === 'no');
  if (missing.length) problem('insufficient_roles', missing.map((c) => access[c].detail).join(' '));
  return access;
}

function asOktaError(error: unknown): OktaError {
  if (isOktaError(error)) return error;
  throw error;
}
