import 'server-only';

import { env } from '@/lib/env';
import { makeKeyring, seal, unseal, type Keyring } from './seal';
import { readOrCreateSecretFile } from './secret-file';

export { readOrCreateSecretFile } from './secret-file';

let keyring: Keyring | undefined;

/** The active key comes from APP_ENCRYPTION_KEY or, when unset, from data/encryption.key (0600). */
export function appKeyring(): Keyring {
  if (keyring) return keyring;
  const active = env.APP_ENCRYPTION_KEY
    ? Buffer.from(env.APP_ENCRYPTION_KEY, 'base64')
    : readOrCreateSecretFile(env.dataDir, 'encryption.key');
  const previous = (env.APP_ENCRYPTION_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Buffer.from(s, 'base64'));
  return (keyring = makeKeyring(active, previous));
}

export const sealSecret = (plaintext: string, aad: string) => seal(appKeyring(), plaintext, aad);
export const unsealSecret = (sealed: string, aad: string) => unseal(appKeyring(), sealed, aad);
