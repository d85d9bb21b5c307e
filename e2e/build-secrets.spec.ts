import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

// The production build that the e2e server runs: nothing secret or server-only may sit in what browsers download.
function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('the static bundle holds no private key, no generated secret and no lib/okta code', () => {
  const statics = files('.next/static');
  expect(statics.length).toBeGreaterThan(5);
  const secrets = ['e2e/.data/encryption.key', 'e2e/.data/auth-secret', 'data/sim/demo-private-key.pem']
    .filter((f) => fs.existsSync(f))
    .map((f) =>
      fs
        .readFileSync(f, 'utf8')
        .replace(/-----[A-Z ]+-----/g, '')
        .replace(/\s+/g, '')
        .slice(0, 60),
    );
  expect(secrets.length).toBeGreaterThanOrEqual(2);
  const offenders: string[] = [];
  for (const f of statics) {
    const text = fs.readFileSync(f, 'latin1');
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=]{40,}/.test(text)) offenders.push(`${f}: PEM private key`);
    for (const s of secrets) if (text.includes(s)) offenders.push(`${f}: a generated secret`);
    // Strings only lib/okta's token and DPoP code contain.
    if (text.includes('urn:ietf:params:oauth:client-assertion-type:jwt-bearer') || text.includes('dpop+jwt'))
      offenders.push(`${f}: lib/okta code`);
  }
  expect(offenders).toEqual([]);
});
