import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from './key-generate';
import { loadPrivateKey, parsePrivateKey } from './key-parse';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const ecPkcs8 = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const privateJwk = rsa.privateKey.export({ format: 'jwk' });

function code(text: string, kid?: string) {
  const r = parsePrivateKey(text, { kid });
  return r.ok ? 'ok' : r.code;
}

describe('parsePrivateKey accepts', () => {
  it('PKCS#8 RSA as Okta gives it, with the public JWK and RFC 7638 thumbprint', async () => {
    const r = parsePrivateKey(pkcs8, { kid: 'k1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.key).toMatchObject({ kty: 'RSA', bits: 2048, alg: 'RS256', format: 'pkcs8', kidMismatch: false });
    expect(r.key.publicJwk).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: 'k1' });
    expect(r.key.publicJwk).not.toHaveProperty('d');
    const pub = rsa.publicKey.export({ format: 'jwk' });
    expect(r.key.publicJwk.n).toBe(pub.n);
    expect(JSON.stringify(r.key)).not.toContain(String(privateJwk.d));
    expect(r.key.thumbprint).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: pub.n, e: pub.e }));
  });

  it('PKCS#1, SEC1 and PKCS#8 EC', () => {
    expect(parsePrivateKey(pkcs1)).toMatchObject({ ok: true, key: { format: 'pkcs1', kty: 'RSA' } });
    expect(parsePrivateKey(sec1)).toMatchObject({
      ok: true,
      key: { format: 'sec1', kty: 'EC', curve: 'P-256', alg: 'ES256' },
    });
    expect(parsePrivateKey(ecPkcs8)).toMatchObject({ ok: true, key: { format: 'pkcs8', kty: 'EC' } });
  });

  it('an openssl ecparam output with an EC PARAMETERS block first', () => {
    const withParams = `-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n${sec1}`;
    expect(code(withParams)).toBe('ok');
  });

  it('CRLF, indentation, surrounding whitespace, trailing newline and literal \\n', () => {
    expect(code(`\n\n   ${pkcs8.replace(/\n/g, '\r\n')}\r\n\r\n`)).toBe('ok');
    expect(
      code(
        pkcs8
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      ),
    ).toBe('ok');
    expect(code(pkcs8.replace(/\n/g, '\\n'))).toBe('ok');
    // Body joined into one line (a common copy/paste accident): still the same bytes.
    const [head, ...rest] = pkcs8.trim().split('\n');
    const foot = rest.pop();
    expect(code(`${head}\n${rest.join('')}\n${foot}`)).toBe('ok');
  });

  it('a private JWK, reporting its kid and a mismatch with the typed KID', () => {
    const text = JSON.stringify({ ...privateJwk, kid: 'inside', alg: 'RS256' });
    expect(parsePrivateKey(text, { kid: 'inside' })).toMatchObject({
      ok: true,
      key: { format: 'jwk', jwkKid: 'inside', kidMismatch: false },
    });
    expect(parsePrivateKey(text, { kid: 'typed' })).toMatchObject({
      ok: true,
      key: { jwkKid: 'inside', kidMismatch: true, publicJwk: { kid: 'typed' } },
    });
    expect(code(JSON.stringify({ keys: [privateJwk] }))).toBe('ok');
  });
});

describe('parsePrivateKey refuses', () => {
  it('empty input and garbage', () => {
    expect(code('   \n')).toBe('empty');
    expect(code('hello world')).toBe('garbage');
    expect(code('{"foo": 1}')).toBe('garbage');
  });

  it('a public key or a certificate pasted by mistake', () => {
    expect(code(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe('public_key');
    expect(code(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString())).toBe('public_key');
    expect(code('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toBe('certificate');
  });

  it('encrypted PEMs (PKCS#8 and traditional)', () => {
    const opts = { cipher: 'aes-256-cbc', passphrase: 'secret' } as const;
    expect(code(rsa.privateKey.export({ type: 'pkcs8', format: 'pem', ...opts }).toString())).toBe('encrypted');
    expect(code(rsa.privateKey.export({ type: 'pkcs1', format: 'pem', ...opts }).toString())).toBe('encrypted');
  });

  it('a JWK without private parts, and unsupported key types', () => {
    expect(code(JSON.stringify(rsa.publicKey.export({ format: 'jwk' })))).toBe('jwk_no_private');
    expect(code(JSON.stringify({ kty: 'oct', k: 'abc' }))).toBe('unsupported');
    const ed = generateKeyPairSync('ed25519');
    expect(code(ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBe('unsupported');
    expect(code('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY-----')).toBe(
      'unsupported',
    );
  });

  it('RSA keys under 2048 bits', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(code(small.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBe('rsa_too_small');
  });

  it('a truncated body, a missing END marker, missing markers', () => {
    const lines = pkcs8.trim().split('\n');
    const cut = [...lines.slice(0, 10), lines.at(-1)].join('\n');
    expect(code(cut)).toBe('truncated_or_altered');
    expect(code(lines.slice(0, -1).join('\n'))).toBe('truncated_or_altered');
    expect(code(lines.slice(1, -1).join('\n'))).toBe('missing_markers');
    expect(code(JSON.stringify(privateJwk).slice(0, 200))).toBe('truncated_or_altered');
  });

  it('an altered body that still decodes (caught by the sign/verify self-check)', () => {
    const lines = pkcs8.trim().split('\n');
    let refused = 0;
    // Flip one character in several places inside the key material; none may be accepted.
    const positions = Array.from({ length: lines.length - 3 }, (_, k) => k + 1);
    for (const i of positions) {
      const line = lines[i] ?? '';
      const c = line[20] === 'A' ? 'B' : 'A';
      const altered = [...lines.slice(0, i), line.slice(0, 20) + c + line.slice(21), ...lines.slice(i + 1)].join('\n');
      if (code(altered) !== 'ok') refused++;
    }
    expect(refused).toBe(positions.length);
  });

  it('never puts key material in messages', () => {
    const lines = pkcs8.trim().split('\n');
    const r = parsePrivateKey([lines[0], lines[1], lines.at(-1)].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain((lines[1] ?? '').slice(0, 16));
  });
});

describe('generateKeyPair', () => {
  it.each(['RS256', 'ES256'] as const)(
    '%s: PKCS#8 PEM that parses back, public JWK with kid = thumbprint',
    async (alg) => {
      const pair = await generateKeyPair(alg);
      expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(pair.publicJwk).toMatchObject({ use: 'sig', alg, kid: pair.kid });
      const parsed = parsePrivateKey(pair.privateKeyPem, { kid: pair.kid });
      expect(parsed.ok && parsed.key.thumbprint).toBe(pair.kid);
      expect(parsed.ok && parsed.key.publicJwk).toEqual(pair.publicJwk);
    },
  );
});

describe('loadPrivateKey', () => {
  it('returns a key object that signs assertions verifiable with the public JWK', async () => {
    const loaded = loadPrivateKey(sec1, { kid: 'k' });
    if (!loaded.ok) throw new Error(loaded.message);
    const { SignJWT } = await import('jose');
    const jwt = await new SignJWT({ a: 1 })
      .setProtectedHeader({ alg: loaded.key.alg, kid: 'k' })
      .sign(loaded.keyObject);
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'ES256', kid: 'k' });
    const pub = await importJWK(loaded.key.publicJwk, 'ES256');
    await expect(jwtVerify(jwt, pub)).resolves.toBeTruthy();
  });
});
