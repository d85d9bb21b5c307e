import 'server-only';

import { dialectOf } from '@/db/client';
import type { Env } from '@/lib/env';

// The secrets every instance sharing a database must agree on: the key that seals Okta credentials at rest, and the
// key that signs sessions. Unset, each instance generates its own into its data directory (lib/crypto/secret-file.ts),
// which suits one process on SQLite. On Postgres, the database several instances share, instances would each make
// their own: one could not open the credentials another sealed, nor accept its sessions. So there they must come
// from the environment, and a console without them refuses to start (lib/startup.ts) rather than corrupt the shared
// data.
const SHARED = [
  { name: 'APP_ENCRYPTION_KEY', file: 'encryption.key' },
  { name: 'AUTH_SECRET', file: 'auth-secret' },
] as const;

/** Why this process must not start on its database, or undefined when its secrets are fine. */
export function generatedSecretsProblem(e: Pick<Env, 'DATABASE_URL' | 'APP_ENCRYPTION_KEY' | 'AUTH_SECRET'>) {
  if (dialectOf(e.DATABASE_URL) !== 'pg') return undefined;
  const missing = SHARED.filter((s) => !e[s.name]);
  if (missing.length === 0) return undefined;
  const names = missing.map((s) => s.name).join(' and ');
  return (
    `${names} ${missing.length > 1 ? 'are' : 'is'} not set. On Postgres several console instances may share the ` +
    `database, and each would generate its own ${missing.length > 1 ? 'secrets' : 'secret'} in its data directory: ` +
    `they could not read each other's sealed Okta keys or sessions. Set ${names} in the environment, the same ` +
    `value on every instance (openssl rand -base64 32). An instance that already generated ` +
    `${missing.length > 1 ? 'them' : 'it'} keeps ${missing.map((s) => `DATA_DIR/${s.file}`).join(' and ')}: ` +
    `use ${missing.length > 1 ? 'those values' : 'that value'}.`
  );
}
