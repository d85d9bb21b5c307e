import { Check } from 'lucide-react';
import Link from 'next/link';

import { cn } from '@/lib/utils';

export type StepStatus = 'complete' | 'current' | 'upcoming';

export type StepperStep = {
  id: string;
  title: string;
  href: string;
  status: StepStatus;
  /** Shown under the title in the vertical layout. */
  description?: string;
};

export type StepperProps = {
  steps: StepperStep[];
  /** Horizontal for a bar above the form, vertical for a side list. */
  orientation?: 'horizontal' | 'vertical';
  /** Let upcoming steps be links too (the server still redirects to the first incomplete step). */
  linkUpcoming?: boolean;
  /** Accessible name of the navigation landmark. */
  label?: string;
  className?: string;
};

const STATUS_TEXT: Record<StepStatus, string> = {
  complete: 'completed',
  current: 'current step',
  upcoming: 'not started',
};

/** Numbered wizard steps; completed ones show a tick and link back, the current one has aria-current="step". */
export function Stepper({
  steps,
  orientation = 'horizontal',
  linkUpcoming = false,
  label = 'Setup steps',
  className,
}: StepperProps) {
  const vertical = orientation === 'vertical';
  return (
    <nav aria-label={label} className={className}>
      {/* Horizontal: compact enough for six steps on one row at 1366 px beside the sidebar; the connectors take what
          is left, and a narrower window wraps whole steps, never a title. */}
      <ol className={cn('flex', vertical ? 'flex-col' : 'flex-wrap items-center gap-x-1 gap-y-1 p-1')}>
        {steps.map((step, index) => {
          const last = index === steps.length - 1;
          const linked = step.status !== 'upcoming' || linkUpcoming;
          const body = (
            <>
              <span
                aria-hidden="true"
                className={cn(
                  'flex shrink-0 items-center justify-center rounded-full border text-xs font-semibold tabular-nums',
                  vertical ? 'size-7' : 'size-6',
                  step.status === 'complete' && 'border-primary bg-primary text-primary-foreground',
                  step.status === 'current' && 'border-primary text-foreground ring-2 ring-primary/20',
                  step.status === 'upcoming' && 'border-border text-muted-foreground',
                )}
              >
                {step.status === 'complete' ? <Check className="size-4" /> : index + 1}
              </span>
              <span className={cn('flex min-w-0 flex-col', vertical ? 'gap-0.5 pt-1' : '')}>
                <span
                  className={cn(
                    'text-sm font-medium whitespace-nowrap',
                    step.status === 'upcoming' ? 'text-muted-foreground' : 'text-foreground',
                    // On phones a horizontal bar keeps only the current title visible.
                    !vertical && step.status !== 'current' && 'sr-only sm:not-sr-only',
                  )}
                >
                  <span className="sr-only">Step {index + 1}: </span>
                  <span className="whitespace-nowrap">{step.title}</span>
                  <span className="sr-only"> ({STATUS_TEXT[step.status]})</span>
                </span>
                {vertical && step.description ? (
                  <span className="text-xs text-muted-foreground">{step.description}</span>
                ) : null}
              </span>
            </>
          );
          const itemClass = cn(
            'flex items-start gap-3 rounded-md outline-none',
            !vertical && 'items-center gap-1.5',
            vertical && 'p-2',
          );
          return (
            <li
              key={step.id}
              className={cn(
                'flex',
                vertical ? 'flex-col' : 'shrink-0 items-center gap-1',
                !vertical && !last && 'lg:flex-1',
              )}
            >
              {linked ? (
                <Link
                  href={step.href}
                  aria-current={step.status === 'current' ? 'step' : undefined}
                  className={cn(
                    itemClass,
                    'transition-colors hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/50',
                    !vertical && 'px-0.5 py-1',
                  )}
                >
                  {body}
                </Link>
              ) : (
                <span className={cn(itemClass, !vertical && 'px-0.5 py-1')}>{body}</span>
              )}
              {!last ? (
                <span
                  aria-hidden="true"
                  className={cn(
                    'bg-border',
                    step.status === 'complete' && 'bg-primary',
                    vertical ? 'ml-[1.375rem] h-4 w-px' : 'h-px w-3 lg:min-w-3 lg:flex-1',
                  )}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
