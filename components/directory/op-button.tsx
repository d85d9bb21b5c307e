'use client';

import { useRouter } from 'next/navigation';
import { useTransition, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button, type ButtonProps } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';

/** Runs one access action with fixed input, then refreshes the page and says what happened. */
export function OpButton({ run, children, ...props }: Omit<ButtonProps, 'onClick'> & { run: () => Promise<ActionResult<unknown>>; children: ReactNode }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      {...props}
      disabled={pending || props.disabled}
      onClick={() =>
        start(async () => {
          const res = await run();
          if (res.ok) toast.success(res.message ?? 'Done');
          else toast.error(res.error);
          router.refresh();
        })
      }
    >
      {children}
    </Button>
  );
}
