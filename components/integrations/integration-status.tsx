import { RelativeTime } from '@/components/ui/relative-time';
import { StatusBadge } from '@/components/ui/status-badge';

/** Connected · Failing since … · Never tested, as text, icon and colour. */
export function IntegrationStatus({
  status,
  failingSince,
}: {
  status: 'connected' | 'failing' | 'never_tested';
  failingSince: Date | null;
}) {
  return (
    <>
      <StatusBadge status={status} />
      {status === 'failing' && failingSince ? (
        <span className="ml-2 text-xs text-muted-foreground">
          since <RelativeTime date={failingSince} />
        </span>
      ) : null}
    </>
  );
}
