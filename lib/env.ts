import path from 'node:path';
import { z } from 'zod';
import { parseRoleGroups } from './auth/okta-role-groups';

// The one place that reads process.env. Everything else imports `env` and gets typed, validated values.
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v) || v.startsWith('file:'), {
      message: 'DATABASE_URL must be postgres://… (Postgres) or file:… (SQLite); leave it unset for ./data/console.db',
    }),
  APP_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((v) => !v || Buffer.from(v, 'base64').length === 32, {
      message: 'APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    }),
  APP_ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  APP_URL: z.url().default('http://localhost:3000'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional(),
  OKTA_ALLOWED_ORIGINS: z.string().default(''),
  /** Okta calls in flight per integration. Okta's org-wide concurrency limit is 75 (35 on the Integrator Free Plan), shared with everything else calling the org. */
  OKTA_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1, 'OKTA_CONCURRENCY must be at least 1')
    .max(75, "OKTA_CONCURRENCY must be at most 75, Okta's org-wide concurrency limit")
    .default(8),
  TRUST_PROXY: bool.default(false),
  /** The latest end a time-bound grant may have, in days from now. */
  GRANT_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(1, 'GRANT_MAX_DAYS must be at least 1')
    .max(3650, 'GRANT_MAX_DAYS must be at most 3650')
    .default(90),
  /** The shortest time-bound grant, in seconds. Test-only below 60: the browser suite grants for a few seconds. */
  GRANT_MIN_SECONDS: z.coerce.number().int().min(1, 'GRANT_MIN_SECONDS must be at least 1').default(60),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** The bearer token a Prometheus scraper sends to GET /api/metrics; unset, the endpoint does not exist (404). */
  METRICS_TOKEN: z.string().min(32, 'METRICS_TOKEN must be at least 32 characters').optional(),
  /** Sign-in with Okta (README "Sign in with Okta"): all four or none. The issuer has no trailing slash. */
  OKTA_SIGNIN_ISSUER: z
    .url()
    .optional()
    .refine((v) => !v || !v.endsWith('/'), {
      message:
        'OKTA_SIGNIN_ISSUER must not end with "/" (Okta\'s org authorization server is exactly https://{domain})',
    }),
  OKTA_SIGNIN_CLIENT_ID: z.string().min(1).optional(),
  OKTA_SIGNIN_CLIENT_SECRET: z.string().min(1).optional(),
  OKTA_SIGNIN_ROLE_GROUPS: z.string().optional(),
  OKTA_SIGNIN_LABEL: z.string().min(1).max(60).default('Sign in with Okta'),
  /** How often a signed-in Okta user's groups are re-read from Okta (refresh token), in seconds. */
  OKTA_SIGNIN_ROLE_RECHECK_SECONDS: z.coerce
    .number()
    .int()
    .min(1, 'OKTA_SIGNIN_ROLE_RECHECK_SECONDS must be at least 1')
    .max(3600, 'OKTA_SIGNIN_ROLE_RECHECK_SECONDS must be at most 3600 (Okta ID tokens live one hour)')
    .default(300),
  /** false turns local passwords off (Okta sign-in only); README says how to recover. */
  PASSWORD_SIGN_IN: bool.default(true),
});

const OKTA_SIGNIN_VARS = [
  'OKTA_SIGNIN_ISSUER',
  'OKTA_SIGNIN_CLIENT_ID',
  'OKTA_SIGNIN_CLIENT_SECRET',
  'OKTA_SIGNIN_ROLE_GROUPS',
] as const;

/** Sign-in with Okta when its four variables are set; a list of problems when they are half set or wrong. */
function oktaSignIn(e: z.output<typeof schema>) {
  const set = OKTA_SIGNIN_VARS.filter((k) => e[k]);
  if (set.length === 0)
    return e.PASSWORD_SIGN_IN ? null : ['PASSWORD_SIGN_IN: false needs sign-in with Okta (set OKTA_SIGNIN_*)'];
  if (set.length < OKTA_SIGNIN_VARS.length)
    return [`${OKTA_SIGNIN_VARS.filter((k) => !e[k]).join(', ')}: set with the other OKTA_SIGNIN_* variables`];
  const roles = parseRoleGroups(e.OKTA_SIGNIN_ROLE_GROUPS!);
  if (!roles.ok) return [`OKTA_SIGNIN_ROLE_GROUPS: ${roles.error}`];
  return {
    issuer: e.OKTA_SIGNIN_ISSUER!,
    clientId: e.OKTA_SIGNIN_CLIENT_ID!,
    clientSecret: e.OKTA_SIGNIN_CLIENT_SECRET!,
    roleGroups: roles.mapping,
    label: e.OKTA_SIGNIN_LABEL,
    recheckMs: e.OKTA_SIGNIN_ROLE_RECHECK_SECONDS * 1000,
  };
}

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const okta = oktaSignIn(e);
  if (Array.isArray(okta)) throw new Error(`Invalid environment:\n${okta.map((l) => `  ${l}`).join('\n')}`);
  // next-auth reads its base URL from NEXTAUTH_URL itself; keep it in step with APP_URL.
  process.env.NEXTAUTH_URL ??= e.APP_URL;
  return {
    ...e,
    isProduction: e.NODE_ENV === 'production',
    dataDir: path.resolve(e.DATA_DIR),
    secureCookies: e.APP_URL.startsWith('https://'),
    oktaSignIn: okta,
    oktaAllowedOrigins: e.OKTA_ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export type Env = ReturnType<typeof load>;

export const env: Env = load();
