import type { ListFailure, ListResult } from '@/lib/queries/directory';
import { firstIssue } from '@/lib/validations/paging';
import type { ReactNode } from 'react';
import type { ZodError } from 'zod';
import { PagedRegion } from './paged-region';
import { ReadFailure } from './read-failure';

/** A page's URL for a page token: undefined when there is no such page, the list's first page for null. */
export type PageHref = (page: string | null | undefined) => string | undefined;

/** Page URLs of the list at `path`, keeping `params` (a search, the list's kind; empty ones are left out). */
export const pageHref =
  (path: string, params: Record<string, string> = {}): PageHref =>
  (page) => {
    if (page === undefined) return undefined;
    const kept = Object.entries({ ...params, ...(page ? { page } : {}) }).filter(([, v]) => v !== '');
    return kept.length ? `${path}?${new URLSearchParams(kept).toString()}` : path;
  };

/**
 * A list read from Okta, in its place: its page of rows with Previous / Next, or why it cannot be shown (a page
 * link in the URL that is not the console's, or Okta's reason with its request id), with the way to the first
 * page. `empty` replaces the rows of a list that has none at all.
 */
export function OktaList<L extends ListResult<unknown>>({
  label,
  query,
  list,
  hrefFor,
  total,
  narrow,
  empty,
  children,
}: {
  label: string;
  /** The page's own query (page token, filter): invalid is said before anything was read. */
  query: { success: true } | { success: false; error: ZodError };
  list: L | undefined;
  hrefFor: PageHref;
  /** Okta's count of the whole list, where it gives one. */
  total?: number;
  /** What narrows the list ("search", "filter"), said when Okta has more than a page link can reach. */
  narrow?: string;
  empty?: ReactNode;
  children: (page: Exclude<L, ListFailure>) => ReactNode;
}) {
  if (!query.success) return <ReadFailure message={firstIssue(query.error)} firstPageHref={hrefFor(null)} />;
  if (!list) return null;
  if ('failed' in list)
    return (
      <ReadFailure
        message={list.message}
        requestId={list.requestId}
        firstPageHref={list.reason === 'invalid_page' ? hrefFor(null) : undefined}
      />
    );
  if (empty && list.items.length === 0 && list.previous === undefined) return empty;
  return (
    <PagedRegion
      label={label}
      previousHref={hrefFor(list.previous)}
      nextHref={hrefFor(list.next)}
      position={{ from: list.from, shown: list.items.length, more: Boolean(list.next || list.tooDeep), total }}
      note={
        list.tooDeep
          ? `Okta has more: ${narrow ? `narrow the ${narrow} to reach them` : 'they are too deep to page to'}.`
          : undefined
      }
    >
      {children(list as Exclude<L, ListFailure>)}
    </PagedRegion>
  );
}
