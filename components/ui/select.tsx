'use client';

import { ChevronDown } from 'lucide-react';
import type * as React from 'react';

import { cn } from '@/lib/utils';

/**
 * A styled native <select> for simple FormData forms and phones: no JS needed, submits by `name`,
 * and works inside <Field> (which passes id and the ARIA attributes).
 */
export function NativeSelect({ className, ...props }: React.ComponentProps<'select'>) {
  return (
    <span data-slot="native-select" className="relative inline-flex w-full max-w-full">
      <select
        className={cn(
          'h-9 w-full min-w-0 appearance-none rounded-md border border-input bg-transparent py-1 pr-9 pl-3 text-base shadow-xs transition-[color,box-shadow] outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive aria-invalid:ring-destructive/20 md:text-sm dark:bg-input/30 [&>option]:bg-popover [&>option]:text-popover-foreground',
          className,
        )}
        {...props}
      />
      <ChevronDown
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 opacity-50"
        aria-hidden="true"
      />
    </span>
  );
}
