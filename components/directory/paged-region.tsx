'use client';

import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition, type MouseEvent, type ReactNode } from 'react';

const COUNT = new Intl.NumberFormat('en-US');

/**
 * Where the rows sit in the whole list. Most Okta lists give no total, so "51–100 of 100+" until the last
 * page; `total` is for lists Okta does count (a group's members, from `expand=stats`).
 */
export type ListPosition = { from: number; shown: number; more: boolean; total?: number };

function positionText({ from, shown, more, total }: ListPosition): string {
  const to = from + shown - 1;
  const of = total !== undefined && total >= to ? COUNT.format(total) : `${COUNT.format(to)}${more ? '+' : ''}`;
  return `${COUNT.format(from)}–${COUNT.format(to)} of ${of}`;
}

/**
 * Cursor paging (Previous / Next, each page its own URL) that keeps the current page on screen (dimmed,
 * aria-busy) until the next one is ready, so nothing jumps while Okta answers; the buttons sit above the rows
 * so a short last page never moves them. The rows scroll with the page. Links still work without JavaScript.
 */
export function PagedRegion({
  label,
  previousHref,
  nextHref,
  position,
  note,
  children,
}: {
  label: string;
  previousHref?: string;
  nextHref?: string;
  position?: ListPosition;
  /** Said after the position, e.g. why Next is missing although Okta has more. */
  note?: ReactNode;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const go = (href: string) => (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    start(() => router.push(href, { scroll: false }));
  };
  const pageLink = (text: string, href: string | undefined) =>
    href ? (
      <Button asChild variant="outline" size="sm">
        <Link href={href} onClick={go(href)}>
          {text}
        </Link>
      </Button>
    ) : (
      <Button variant="outline" size="sm" disabled>
        {text}
      </Button>
    );
  const paged = previousHref !== undefined || nextHref !== undefined;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-3">
      {paged || position ? (
        <nav aria-label={`${label} pages`} className="flex flex-wrap items-center gap-2">
          {paged ? (
            <>
              {pageLink('Previous', previousHref)}
              {pageLink('Next', nextHref)}
            </>
          ) : null}
          {position && position.shown > 0 ? (
            <span className="text-sm text-muted-foreground tabular-nums">
              {label} {positionText(position)}
            </span>
          ) : null}
          {note ? <span className="text-sm text-muted-foreground">{note}</span> : null}
          <span role="status" className="text-sm text-muted-foreground">
            {pending ? 'Loading…' : ''}
          </span>
        </nav>
      ) : null}
      <div
        role="region"
        aria-label={label}
        aria-busy={pending}
        className={cn('min-w-0 transition-opacity', pending && 'opacity-50')}
      >
        {children}
      </div>
    </div>
  );
}
