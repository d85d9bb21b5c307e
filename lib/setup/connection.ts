import 'server-only';

import { oktaOptions } from '@/lib/integrations/okta-options';
import { normalizeOktaDomain, parsePrivateKey, validateClientId, validateKeyId, type ParsedKey } from '@/lib/okta';

export interface KeySummary {
  type: string;
  format: string;
  alg: string;
  thumbprint: string;
  jwkKid?: string;
  kidMismatch: boolean;
}

export const describeKey = (k: ParsedKey): KeySummary => ({
  type: k.kty === 'RSA' ? `RSA ${k.bits ?? ''}-bit` : `EC ${k.curve ?? ''}`,
  format: k.format.toUpperCase(),
  alg: k.alg,
  thumbprint: k.thumbprint,
  jwkKid: k.jwkKid,
  kidMismatch: k.kidMismatch,
});

export type FieldCheck =
  | { ok: true; value: string; note?: string }
  | {
      ok: false;
      message: string;
      /** What the admin most likely meant; the form offers it as a button. */ suggestion?: string;
    };

/** Checks one connection field as the admin types; returns only public facts about a key. */
export function checkField(
  field: 'domain' | 'privateKey' | 'keyId' | 'clientId',
  input: { domain?: string; privateKey?: string; keyId?: string; clientId?: string },
): FieldCheck & { key?: KeySummary } {
  switch (field) {
    case 'domain': {
      const d = normalizeOktaDomain(input.domain ?? '', { allowedOrigins: oktaOptions().allowedOrigins });
      return d.ok
        ? {
            ok: true,
            value: d.origin,
            note: d.kind === 'allowlisted' ? 'Allowlisted origin (not Okta-hosted)' : undefined,
          }
        : d.suggestion
          ? { ok: false, message: d.message, suggestion: d.suggestion }
          : { ok: false, message: [d.message, d.hint].filter(Boolean).join(' ') };
    }
    case 'clientId': {
      const c = validateClientId(input.clientId ?? '');
      return c.ok ? { ok: true, value: c.value } : c;
    }
    case 'keyId': {
      if (!input.keyId?.trim())
        return { ok: true, value: '', note: 'Optional when the app has one key; required when it has several.' };
      const k = validateKeyId(input.keyId);
      return k.ok ? { ok: true, value: k.value } : k;
    }
    case 'privateKey': {
      const p = parsePrivateKey(input.privateKey ?? '', { kid: input.keyId?.trim() || undefined });
      if (!p.ok) return { ok: false, message: p.message };
      const key = describeKey(p.key);
      return { ok: true, value: key.thumbprint, key };
    }
  }
}
