import { RelativeTime } from '@/components/ui/relative-time';
import { StatusBadge } from '@/components/ui/status-badge';
import type { WriteState } from '@/lib/integrations/write-access';

/**
 * Connected · Failing since … · Never tested, as text, icon and colour; a connected integration also says
 * whether it may change access (reads never show it), so "Connected" alone never stands for "works".
 */
export function IntegrationStatus({
  status,
  failingSince,
  write,
}: {
  status: 'connected' | 'failing' | 'never_tested';
  failingSince: Date | null;
  write?: WriteState;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <StatusBadge status={status} />
      {status === 'failing' && failingSince ? (
        <span className="text-xs text-muted-foreground">
          since <RelativeTime date={failingSince} />
        </span>
      ) : null}
      {status === 'connected' && write && write !== 'verified' ? <StatusBadge status={write} /> : null}
    </span>
  );
}
