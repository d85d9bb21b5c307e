import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeKeyring, seal, sealedWithOldKey, SealError, unseal } from './seal';
import { readOrCreateSecretFile } from './secret-file';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

describe('seal / unseal (AES-256-GCM)', () => {
  const ring = makeKeyring(randomBytes(32));

  it('round-trips and never contains the plaintext', () => {
    const sealed = seal(ring, PEM, 'integration:int_1:private_key');
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(sealed).not.toContain('MIIEvQ');
    expect(unseal(ring, sealed, 'integration:int_1:private_key')).toBe(PEM);
  });

  it('uses a fresh nonce for every value', () => {
    expect(seal(ring, PEM, 'a')).not.toBe(seal(ring, PEM, 'a'));
  });

  it('refuses a value moved to another row (AAD mismatch)', () => {
    const sealed = seal(ring, PEM, 'integration:int_1:private_key');
    expect(() => unseal(ring, sealed, 'integration:int_2:private_key')).toThrow(SealError);
  });

  it('refuses a tampered value', () => {
    const sealed = seal(ring, PEM, 'a');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => unseal(ring, parts.join(':'), 'a')).toThrow(SealError);
  });

  it('opens values sealed with a previous key after rotation, and says they need re-sealing', () => {
    const oldKey = randomBytes(32);
    const sealed = seal(makeKeyring(oldKey), PEM, 'a');
    const rotated = makeKeyring(randomBytes(32), [oldKey]);
    expect(unseal(rotated, sealed, 'a')).toBe(PEM);
    expect(sealedWithOldKey(rotated, sealed)).toBe(true);
    expect(sealedWithOldKey(rotated, seal(rotated, PEM, 'a'))).toBe(false);
    expect(() => unseal(makeKeyring(randomBytes(32)), sealed, 'a')).toThrow(/not configured/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => makeKeyring(randomBytes(16))).toThrow();
  });
});

describe('generated key file', () => {
  it('is created once with 0600 rights and read back unchanged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-key-'));
    const a = readOrCreateSecretFile(dir, 'encryption.key');
    const b = readOrCreateSecretFile(dir, 'encryption.key');
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(32);
    expect(fs.statSync(path.join(dir, 'encryption.key')).mode & 0o777).toBe(0o600);
  });

  it('tightens a key file that was made world-readable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-key-'));
    readOrCreateSecretFile(dir, 'k');
    fs.chmodSync(path.join(dir, 'k'), 0o644);
    readOrCreateSecretFile(dir, 'k');
    expect(fs.statSync(path.join(dir, 'k')).mode & 0o777).toBe(0o600);
  });
});
