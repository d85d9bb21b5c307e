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
    }
  | { ok: false; message: string };

type Field = 'domain' | 'privateKey' | 'keyId' | 'clientId';

/** Asks the server (lib/okta) about a field 400 ms after the admin stops typing. */
export function useFieldCheck(
  field: Field,
  values: { domain?: string; privateKey?: string; keyId?: string; clientId?: string },
  enabled: boolean,
) {
  const own = values[field] ?? '';
  const kid = field === 'privateKey' ? (values.keyId ?? '') : '';
  const key = `${own}\u0000${kid}`;
  const [answer, setAnswer] = useState<{ key: string; check: FieldCheckView } | null>(null);
  useEffect(() => {
    if (!enabled || !own.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      void callAction(inspectConnectionFieldAction, {
        field,
        [field]: own,
        ...(field === 'privateKey' && { keyId: kid }),
      }).then((res) => {
        if (live && res.ok) setAnswer({ key, check: res.data });
      });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [field, own, kid, key, enabled]);
  // An answer about other input (or a cleared field) is not shown. The key's answer stays while only the KID
  // changed (its type, format and thumbprint do not depend on it), so the line does not vanish and shift the form.
  const current = answer?.key === key || (field === 'privateKey' && answer?.key.split('\u0000')[0] === own);
  return enabled && own.trim() && current ? answer.check : null;
}
