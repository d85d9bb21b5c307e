import { AccessCard } from '@/components/directory/access-card';
import { AccessHistory } from '@/components/directory/access-history';
import { Skeleton } from '@/components/ui/skeleton';
import { accessHistory, type HistoryTarget } from '@/lib/queries/history';

/** Where the history panel's page token lives in the page's URL, beside the page's own list token (`page`). */
const HISTORY_PARAM = 'history';

const TITLE = 'History';
const DESCRIPTION =
  'Membership and assignment changes in Okta’s System Log over the last 90 days, newest first, made here or elsewhere.';

/**
 * An object's access history, read after the rest of the page (it streams in under Suspense): Okta's System Log
 * has its own small rate-limit bucket and may answer slower than the directory reads.
 */
export async function HistoryPanel({
  integrationId,
  target,
  token,
  here,
  keep = {},
}: {
  integrationId: string;
  target: HistoryTarget;
  token: string | undefined;
  /** The page's path, and the query to keep when paging the history. */
  here: string;
  keep?: Record<string, string | undefined>;
}) {
  const result = await accessHistory(integrationId, target, token);
  const hrefFor = (page: string | null | undefined) => {
    if (page === undefined) return undefined;
    const params = Object.entries({ ...keep, [HISTORY_PARAM]: page ?? undefined }).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    );
    return params.length ? `${here}?${new URLSearchParams(params).toString()}` : here;
  };
  return (
    <AccessCard title={TITLE} description={DESCRIPTION}>
      <AccessHistory
        label="History"
        result={result}
        base={`/directory/${integrationId}`}
        integrationId={integrationId}
        hrefFor={hrefFor}
        empty="No membership or assignment changes in the last 90 days."
      />
    </AccessCard>
  );
}

/** The panel's place while Okta answers: same card, no layout shift. */
export function HistoryPanelSkeleton() {
  return (
    <AccessCard title={TITLE} description={DESCRIPTION}>
      <div aria-busy="true" aria-label="Loading history" className="grid gap-2">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-2/3" />
      </div>
    </AccessCard>
  );
}
