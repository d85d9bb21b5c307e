'use client';

import { useEffect, useState } from 'react';
import { inspectConnectionFieldAction } from '@/lib/actions/setup';

export type FieldCheckView = { ok: true; value: string; note?: string; key?: { type: string; format: string; alg: string; thumbprint: string; jwkKid?: string; kidMismatch: boolean } } | { ok: false; message: string };

/** Asks the server (lib/okta) about a field 400 ms after the admin stops typing. */
export function useFieldCheck(field: 'domain' | 'privateKey' | 'keyId' | 'clientId', values: { domain?: string; privateKey?: string; keyId?: string; clientId?: string }, enabled: boolean) {
  const [check, setCheck] = useState<FieldCheckView | null>(null);
  const own = values[field] ?? '';
  const kid = field === 'privateKey' ? (values.keyId ?? '') : '';
  useEffect(() => {
    if (!enabled || !own.trim()) {
      setCheck(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void inspectConnectionFieldAction({ field, [field]: own, ...(field === 'privateKey' && { keyId: kid }) }).then((res) => {
        if (live && res.ok) setCheck(res.data as FieldCheckView);
      });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [field, own, kid, enabled]);
  return check;
}
