import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import type { GrantView } from '@/lib/grants/views';
import { formatUtc } from '@/lib/utils';
import { AlertTriangle, Clock } from 'lucide-react';

/** A time-bound row's end: "until 2026-05-01 12:00 UTC (in 3 hours)", or overdue with Okta's reason. */
export function UntilBadge({ grant }: { grant: Pick<GrantView, 'state' | 'endsAt' | 'failureReason'> | undefined }) {
  if (!grant) return null;
  if (grant.state === 'overdue')
    return (
      <Badge variant="warning" title={grant.failureReason ?? undefined}>
        <AlertTriangle aria-hidden="true" />
        Overdue since {formatUtc(grant.endsAt)}
      </Badge>
    );
  return (
    <Badge variant="info" className="whitespace-normal">
      <Clock aria-hidden="true" />
      <span>
        until {formatUtc(grant.endsAt)} (<RelativeTime date={grant.endsAt} />)
      </span>
    </Badge>
  );
}
