'use client';

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/mono';
import { RelativeTime } from '@/components/ui/relative-time';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { revokeApiTokenAction } from '@/lib/actions/api-tokens';
import { useTransition } from 'react';
import { toast } from 'sonner';

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  access: 'read' | 'write';
  integrations: { id: string; name: string }[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  state: 'active' | 'revoked' | 'expired';
}

const STATE = {
  active: <StatusBadge status="ACTIVE" />,
  revoked: <StatusBadge status="DEPROVISIONED">Revoked</StatusBadge>,
  expired: <StatusBadge status="INACTIVE">Expired</StatusBadge>,
};

function RevokeButton({ token }: { token: ApiTokenRow }) {
  const [pending, startTransition] = useTransition();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" size="sm" disabled={pending} aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke “{token.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Tools using this token get 401 from their next request. A revoked token cannot be turned back on; create a
            new one instead.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            destructive
            onClick={() =>
              startTransition(async () => {
                const r = await revokeApiTokenAction({ tokenId: token.id });
                if (r.ok) toast.success(r.message ?? 'Revoked');
                else toast.error(r.error);
              })
            }
          >
            Revoke token
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

export function ApiTokensTable({ tokens }: { tokens: ApiTokenRow[] }) {
  return (
    <Table aria-label="API tokens">
      <TableHeader>
        <TableRow>
          <TableHead>Token</TableHead>
          <TableHead>Access</TableHead>
          <TableHead>Integrations</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tokens.map((t) => (
          <TableRow key={t.id} className={t.state === 'active' ? undefined : 'text-muted-foreground'}>
            <TableCell>
              <div className="font-medium">{t.name}</div>
              <Mono value={`${t.prefix}…`} copy={false} className="text-xs" />
            </TableCell>
            <TableCell>
              <Badge variant={t.access === 'write' ? 'warning' : 'outline'}>
                {t.access === 'write' ? 'Read and write' : 'Read only'}
              </Badge>
            </TableCell>
            <TableCell className="max-w-56 text-sm whitespace-normal">
              {t.integrations.map((i) => i.name).join(', ')}
            </TableCell>
            <TableCell>
              <RelativeTime date={t.createdAt} />
              <div className="text-xs text-muted-foreground">by {t.createdBy}</div>
            </TableCell>
            <TableCell>
              <RelativeTime date={t.lastUsedAt} fallback="Never" />
            </TableCell>
            <TableCell>
              <RelativeTime date={t.expiresAt} fallback="Never" />
            </TableCell>
            <TableCell>
              {STATE[t.state]}
              {t.revokedAt ? (
                <div className="text-xs">
                  <RelativeTime date={t.revokedAt} />
                </div>
              ) : null}
            </TableCell>
            <TableCell className="text-right">{t.state === 'revoked' ? null : <RevokeButton token={t} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
