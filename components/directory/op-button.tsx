'use client';

import { useRouter } from 'next/navigation';
import { useTransition, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button, type ButtonProps } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';

/** Runs one access action with fixed input, then refreshes the page and says what happened; `undo` adds an Undo to the toast. */
export function OpButton({ run, undo, children, ...props }: Omit<ButtonProps, 'onClick'> & { run: () => Promise<ActionResult<unknown>>; undo?: () => Promise<ActionResult<unknown>>; children: ReactNode }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      {...props}
      disabled={pending || props.disabled}
      onClick={() =>
        start(async () => {
          const res = await run();
          if (!res.ok) toast.error(res.error);
          else if (!undo) toast.success(res.message ?? 'Done');
          else
            toast.success(res.message ?? 'Done', {
              duration: 10_000,
              action: {
                label: 'Undo',
                onClick: () =>
                  void undo().then((u) => {
                    if (u.ok) toast.success(u.message ?? 'Undone');
                    else toast.error(u.error);
                    router.refresh();
                  }),
              },
            });
          router.refresh();
        })
      }
    >
      {children}
    </Button>
  );
}
