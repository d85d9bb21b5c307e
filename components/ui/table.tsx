import type * as React from 'react';

import { cn } from '@/lib/utils';

/**
 * The wrapper scrolls in both directions so the header can stick and wide tables scroll sideways on phones.
 * Change the height cap with `containerClassName` (e.g. "max-h-none" for a short table in a card).
 * Pass `scrollLabel` when rows hold no focusable element, so keyboard users can still scroll the region.
 */
export function Table({
  className,
  containerClassName,
  scrollLabel,
  ...props
}: React.ComponentProps<'table'> & { containerClassName?: string; scrollLabel?: string }) {
  return (
    <div
      data-slot="table-container"
      {...(scrollLabel ? { role: 'region', 'aria-label': scrollLabel, tabIndex: 0 } : {})}
      className={cn(
        'relative max-h-[calc(100dvh-12rem)] min-h-0 w-full overflow-auto focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
        containerClassName,
      )}
    >
      <table data-slot="table" className={cn('w-full caption-bottom text-sm', className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: React.ComponentProps<'thead'>) {
  return (
    <thead
      data-slot="table-header"
      className={cn(
        // Sticky header: opaque background and a shadow line, because borders don't stick with border-collapse.
        'sticky top-0 z-10 bg-muted shadow-[inset_0_-1px_0_var(--border)] [&_tr]:border-b-0',
        className,
      )}
      {...props}
    />
  );
}

export function TableBody({ className, ...props }: React.ComponentProps<'tbody'>) {
  return <tbody data-slot="table-body" className={cn('[&_tr:last-child]:border-0', className)} {...props} />;
}

export function TableRow({ className, ...props }: React.ComponentProps<'tr'>) {
  return (
    <tr
      data-slot="table-row"
      className={cn('border-b transition-colors hover:bg-muted/40 data-[state=selected]:bg-muted', className)}
      {...props}
    />
  );
}

export function TableHead({ className, ...props }: React.ComponentProps<'th'>) {
  return (
    <th
      data-slot="table-head"
      scope="col"
      className={cn(
        'h-10 px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground [&:has([role=checkbox])]:pr-0',
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: React.ComponentProps<'td'>) {
  return (
    <td
      data-slot="table-cell"
      className={cn('px-3 py-2.5 align-middle whitespace-nowrap [&:has([role=checkbox])]:pr-0', className)}
      {...props}
    />
  );
}
