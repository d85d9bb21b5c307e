'use client';

import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition, type MouseEvent, type ReactNode } from 'react';

/**
 * Cursor paging that keeps the current page on screen (dimmed, aria-busy) until the next one is ready,
 * so nothing jumps while Okta answers; the buttons sit above the rows so a short last page never moves them.
 * Links still work without JavaScript.
 */
export function PagedRegion({
  label,
  firstHref,
  nextHref,
  children,
}: {
  label: string;
  firstHref?: string;
  nextHref?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const go = (href: string) => (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    start(() => router.push(href, { scroll: false }));
  };
  return (
    <div className="grid gap-3">
      {firstHref || nextHref ? (
        <nav aria-label={`${label} pages`} className="flex items-center gap-2">
          {firstHref ? (
            <Button asChild variant="outline" size="sm">
              <Link href={firstHref} onClick={go(firstHref)}>
                First page
              </Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              First page
            </Button>
          )}
          {nextHref ? (
            <Button asChild variant="outline" size="sm">
              <Link href={nextHref} onClick={go(nextHref)}>
                Next page
              </Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              Next page
            </Button>
          )}
          <span role="status" className="text-sm text-muted-foreground">
            {pending ? 'Loading…' : ''}
          </span>
        </nav>
      ) : null}
      <div
        role="region"
        aria-label={label}
        aria-busy={pending}
        className={cn('transition-opacity', pending && 'opacity-50')}
      >
        {children}
      </div>
    </div>
  );
}
