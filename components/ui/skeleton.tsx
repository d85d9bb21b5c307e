import type * as React from 'react';

import { cn } from '@/lib/utils';

/** Decorative placeholder; wrap a loading region in aria-busy="true" rather than labelling each skeleton. */
export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn('animate-pulse rounded-md bg-muted-foreground/15', className)}
      {...props}
    />
  );
}
