'use client';

import { callAction } from '@/lib/actions/call-action';
import { inspectConnectionFieldAction } from '@/lib/actions/setup';
import { useEffect, useState } from 'react';

export type FieldCheckView =
  | {
      ok: true;
      value: string;
      note?: string;
      key?: { type: string; format: string; alg: string; thumbprint: string; jwkKid?: string; kidMismatch: boolean };
      /** Integrations already connected to this Okta app (client ID checked with its domain). */
      existing?: Array<{ id: string; name: string }>;
    }
  | { ok: false; message: string; suggestion?: string };

type Field = 'domain' | 'privateKey' | 'keyId' | 'clientId';

/** Asks the server (lib/okta) about a field 400 ms after the admin stops typing. */
export function useFieldCheck(
  field: Field,
  values: { domain?: string; privateKey?: string; keyId?: string; clientId?: string },
  enabled: boolean,
): FieldCheckView | null {
  const own = values[field] ?? '';
  // The other field the answer depends on: the KID for the key, the domain for the client ID.
  const related = field === 'privateKey' ? (values.keyId ?? '') : field === 'clientId' ? (values.domain ?? '') : '';
  const key = `${own}\u0000${related}`;
  const [answer, setAnswer] = useState<{ key: string; check: FieldCheckView } | null>(null);
  useEffect(() => {
    if (!enabled || !own.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      void callAction(inspectConnectionFieldAction, {
        field,
        [field]: own,
        ...(field === 'privateKey' && { keyId: related }),
        ...(field === 'clientId' && { domain: related }),
      }).then((res) => {
        if (live && res.ok) setAnswer({ key, check: res.data });
      });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [field, own, related, key, enabled]);
  if (!enabled || !own.trim() || !answer) return null;
  if (answer.key === key) return answer.check;
  // An answer about other input (or a cleared field) is not shown. One whose own field is unchanged stays while
  // only the related field changes (the key's type and thumbprint do not depend on the KID), so the line does not
  // vanish and shift the form; what did depend on it (the existing integrations of another domain) is left out.
  if (answer.key.split('\u0000')[0] !== own) return null;
  if (!answer.check.ok) return answer.check;
  const { existing: _stale, ...rest } = answer.check;
  return rest;
}
