import path from 'node:path';
import { z } from 'zod';

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
});

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // next-auth reads its base URL from NEXTAUTH_URL itself; keep it in step with APP_URL.
  process.env.NEXTAUTH_URL ??= e.APP_URL;
  return {
    ...e,
    isProduction: e.NODE_ENV === 'production',
    dataDir: path.resolve(e.DATA_DIR),
    secureCookies: e.APP_URL.startsWith('https://'),
    oktaAllowedOrigins: e.OKTA_ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export type Env = ReturnType<typeof load>;

export const env: Env = load();
