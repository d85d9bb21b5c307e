'use client';

import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { verifyWriteAccessAction } from '@/lib/actions/integrations';
import { useState, useTransition } from 'react';

type Outcome = { state: 'yes' | 'no' | 'unknown' | 'error'; message: string };

/** Opt-in proof of the right to change memberships: says exactly which request it sends and why it changes nothing. */
export function VerifyWriteAccess({ integrationId }: { integrationId: string }) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <div className="grid gap-3 rounded-md border p-4 text-sm">
      <p className="font-medium">Verify write access</p>
      <p className="text-muted-foreground">
        The console picks an Okta group with members (one that holds no admin role) and one of its members, and sends{' '}
        <code className="font-mono text-xs">PUT /api/v1/groups/&#123;group&#125;/users/&#123;user&#125;</code> for them.
        The user is already a member, so Okta answers 204 and nothing changes; if the app’s admin roles do not allow
        membership changes, Okta answers 403 E0000006. Okta may record the request in its System Log. It proves the
        right for that group only.
      </p>
      <div>
        <Button
          variant="outline"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const res = await verifyWriteAccessAction({ integrationId });
              setOutcome(res.ok ? res.data : { state: 'error', message: res.error });
            })
          }
        >
          {pending ? 'Verifying…' : 'Verify write access'}
        </Button>
      </div>
      {outcome ? (
        <Alert
          variant={outcome.state === 'yes' ? 'success' : outcome.state === 'unknown' ? 'info' : 'destructive'}
          role="status"
        >
          <AlertTitle>
            {outcome.state === 'yes'
              ? 'Membership changes verified'
              : outcome.state === 'no'
                ? 'Okta refused: write access missing'
                : 'Could not verify'}
          </AlertTitle>
          <AlertDescription>{outcome.message}</AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
