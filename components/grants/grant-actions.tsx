'use client';

import { Button } from '@/components/ui/button';
import { endGrantNowAction, extendGrantAction, makeGrantPermanentAction } from '@/lib/actions/grants';
import type { ActionResult, FieldErrors } from '@/lib/actions/result';
import type { GrantLimits } from '@/lib/grants/rules';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { GrantEndFields, grantEndInput, useGrantEnd } from './grant-end-fields';

/** A grant's row actions on the Temporary access page: extend (a new end), end now, make permanent. */
export function GrantActions({
  integrationId,
  grantId,
  what,
  limits,
}: {
  integrationId: string;
  grantId: string;
  /** "dana in prod-admins": names the buttons for screen readers. */
  what: string;
  limits: GrantLimits;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [extending, setExtending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const end = useGrantEnd();
  const run = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const res = await fn();
      setErrors(res.ok ? undefined : res.fieldErrors);
      if (res.ok) {
        toast.success(res.message ?? 'Done');
        setExtending(false);
        end.reset();
      } else toast.error(res.error);
      router.refresh();
    });
  const extend = () => {
    const { expiresAt } = grantEndInput(end.value);
    if (!expiresAt) return setErrors({ expiresAt: ['Choose the new end.'] });
    run(() => extendGrantAction({ integrationId, grantId, expiresAt }));
  };
  return (
    <div className="grid justify-items-end gap-2">
      <div className="flex flex-col items-stretch gap-1">
        <Button
          size="sm"
          variant="outline"
          aria-expanded={extending}
          aria-label={`Extend ${what}`}
          onClick={() => setExtending((v) => !v)}
        >
          Extend
        </Button>
        <Button
          size="sm"
          variant="outline"
          aria-label={`Make ${what} permanent`}
          disabled={pending}
          onClick={() => run(() => makeGrantPermanentAction({ integrationId, grantId }))}
        >
          Make permanent
        </Button>
        <Button
          size="sm"
          variant="destructive"
          aria-label={`End ${what} now`}
          disabled={pending}
          onClick={() => run(() => endGrantNowAction({ integrationId, grantId }))}
        >
          End now
        </Button>
      </div>
      {extending ? (
        <div className="flex flex-wrap items-end gap-2 rounded-md border p-2">
          <GrantEndFields limits={limits} value={end.value} onChange={end.setValue} errors={errors} permanent={false} />
          <Button size="sm" onClick={extend} disabled={pending}>
            {pending ? 'Working…' : 'Set new end'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
