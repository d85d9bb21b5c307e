'use client';

import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { NativeSelect } from '@/components/ui/select';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { changeConsoleUserRoleAction, setConsoleUserDisabledAction } from '@/lib/actions/console-users';
import type { ActionResult } from '@/lib/actions/result';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import { useTransition } from 'react';
import { toast } from 'sonner';

interface Row {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  lastSignInAt: Date | null;
  /** Signs in with Okta: the role follows their Okta groups and is not changed here. */
  okta: boolean;
}

function report(result: ActionResult<unknown>) {
  if (result.ok) toast.success(result.message ?? 'Saved');
  else toast.error(result.error);
}

export function UsersTable({ users, meId }: { users: Row[]; meId: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>User</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last sign-in</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((u) => (
          <TableRow key={u.id}>
            <TableCell>
              <div className="font-medium">{u.name}</div>
              <div className="text-xs text-muted-foreground">{u.email}</div>
            </TableCell>
            <TableCell>
              {u.okta ? (
                <div>
                  <div>{ROLE_LABELS[u.role]}</div>
                  <div className="text-xs text-muted-foreground">From Okta groups</div>
                </div>
              ) : (
                <>
                  <label className="sr-only" htmlFor={`role-${u.id}`}>
                    Role of {u.email}
                  </label>
                  <NativeSelect
                    id={`role-${u.id}`}
                    defaultValue={u.role}
                    disabled={pending}
                    className="h-8 w-32"
                    onChange={(e) => {
                      const role = e.currentTarget.value;
                      startTransition(async () => report(await changeConsoleUserRoleAction({ userId: u.id, role })));
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </NativeSelect>
                </>
              )}
            </TableCell>
            <TableCell>
              {u.disabled ? (
                <StatusBadge status="DEPROVISIONED">Disabled</StatusBadge>
              ) : (
                <StatusBadge status="ACTIVE" />
              )}
            </TableCell>
            <TableCell>
              <RelativeTime date={u.lastSignInAt} fallback="Never" />
            </TableCell>
            <TableCell className="text-right">
              {u.id === meId ? (
                <span className="text-xs text-muted-foreground">You</span>
              ) : (
                <Button
                  variant={u.disabled ? 'outline' : 'destructive'}
                  size="sm"
                  disabled={pending}
                  aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}
                  onClick={() =>
                    startTransition(async () =>
                      report(
                        await setConsoleUserDisabledAction({ userId: u.id, disabled: u.disabled ? 'false' : 'true' }),
                      ),
                    )
                  }
                >
                  {u.disabled ? 'Enable' : 'Disable'}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
