'use client';

import { Button } from '@/components/ui/button';
import { testIntegrationAction } from '@/lib/actions/integrations';
import { useTransition } from 'react';
import { toast } from 'sonner';

export function TestNowButton({ integrationId }: { integrationId: string }) {
  const [pending, start] = useTransition();
  return (
    <Button
      disabled={pending}
      onClick={() =>
        start(async () => {
          const res = await testIntegrationAction({ integrationId });
          if (!res.ok) toast.error(res.error);
          else if (res.data.ok && res.data.writeAccess === 'verified') toast.success('Connected: every check passed.');
          else if (res.data.ok && res.data.writeAccess === 'missing')
            toast.error('Connected, but write access is missing: see Write access.');
          else if (res.data.ok) toast.warning('Connected — write access not verified: see Write access.');
          else toast.error(`Test failed: ${res.data.problem ?? 'see the report'}`);
        })
      }
    >
      {pending ? 'Testing…' : 'Test now'}
    </Button>
  );
}
