import 'server-only';

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a random secret kept in a file under the data directory, creating it once with owner-only
 * rights (0600). `wx` makes creation atomic, so two processes starting together agree on one value.
 */
export function readOrCreateSecretFile(dataDir: string, name: string, bytes = 32): Buffer {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, name);
  try {
    fs.writeFileSync(file, randomBytes(bytes).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const value = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (value.length !== bytes) throw new Error(`${name} in the data directory is not ${bytes} base64-encoded bytes`);
  return value;
}
