import { Badge } from '@/components/ui/badge';
import type { UserAppAccess } from '@/lib/access/checks';
import { UserCheck, Users } from 'lucide-react';
import Link from 'next/link';

/** How a user has an app: Direct (scope USER) and/or via the named groups (scope GROUP). */
export function AppGrant({
  grant,
  base,
}: {
  grant: Pick<UserAppAccess, 'direct' | 'viaGroups' | 'viaUnknown'>;
  base: string;
}) {
  return (
    <span className="flex flex-wrap items-center justify-end gap-x-2 gap-y-1 text-xs">
      {grant.direct ? (
        <Badge variant="info">
          <UserCheck aria-hidden="true" />
          Direct
        </Badge>
      ) : null}
      {grant.viaGroups.length > 0 ? (
        <span className="flex flex-wrap items-center gap-1">
          <Badge variant="outline">
            <Users aria-hidden="true" />
            {grant.direct ? 'Also via' : 'Via'}
          </Badge>
          {grant.viaGroups.map((g, i) => (
            <span key={g.id}>
              <Link href={`${base}/groups/${g.id}`} className="underline-offset-4 hover:underline">
                {g.name}
              </Link>
              {i < grant.viaGroups.length - 1 ? ',' : ''}
            </span>
          ))}
        </span>
      ) : null}
      {!grant.direct && grant.viaGroups.length === 0 ? (
        <Badge variant="outline">
          <Users aria-hidden="true" />
          {grant.viaUnknown ? 'Via a group (too many to name here: use Check access)' : 'Via a group'}
        </Badge>
      ) : null}
    </span>
  );
}
