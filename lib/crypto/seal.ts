import 'server-only';

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Values at rest are sealed with AES-256-GCM: a random 96-bit nonce per value, the 128-bit tag, and the
// id of the key that sealed it, so old values still open after the key rotates. The AAD binds a value
// to where it is stored (e.g. "integration:int_…:private_key"), so a sealed value cannot be moved.
const VERSION = 'v1';

export interface Keyring {
  active: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

export function makeKeyring(active: Buffer, previous: Buffer[] = []): Keyring {
  for (const k of [active, ...previous]) if (k.length !== 32) throw new Error('encryption keys must be 32 bytes');
  const byId = new Map<string, Buffer>();
  for (const k of [active, ...previous]) byId.set(keyIdOf(k), k);
  return { active: { id: keyIdOf(active), key: active }, byId };
}

export function seal(keyring: Keyring, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.active.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyring.active.id, iv.toString('base64url'), body.toString('base64url')].join(':');
}

export class SealError extends Error {
  override name = 'SealError';
}

export function unseal(keyring: Keyring, sealed: string, aad: string): string {
  const [version, keyId, iv, body] = sealed.split(':');
  if (version !== VERSION || !keyId || !iv || !body) throw new SealError('sealed value has an unknown format');
  const key = keyring.byId.get(keyId);
  if (!key) throw new SealError(`sealed with key ${keyId}, which is not configured (APP_ENCRYPTION_KEYS_PREVIOUS?)`);
  const data = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('sealed value failed authentication (tampered, moved or wrong key)');
  }
}

export const sealedWithOldKey = (keyring: Keyring, sealed: string) => sealed.split(':')[1] !== keyring.active.id;
