import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guard';
import { hasRole, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/roles';
import { listConsoleUsersForAdmin } from '@/lib/data/console-users';
import { AddUserForm } from './_components/add-user-form';
import { UsersTable } from './_components/users-table';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const me = await requireUser('viewer');
  const isAdmin = hasRole(me.role, 'admin');
  const users = isAdmin ? await listConsoleUsersForAdmin() : [];
  return (
    <div className="grid gap-6">
      <PageHeader title="Settings" description="Your account and, for admins, the people who can use this console." />
      <Card>
        <CardHeader>
          <CardTitle>Your account</CardTitle>
          <CardDescription>
            {me.name} · {me.email} · {ROLE_LABELS[me.role]}: {ROLE_DESCRIPTIONS[me.role]}
          </CardDescription>
        </CardHeader>
      </Card>
      {isAdmin ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Console users</CardTitle>
              <CardDescription>Changing a role or disabling someone ends their open sessions at once.</CardDescription>
            </CardHeader>
            <CardContent>
              <UsersTable users={users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled, lastSignInAt: u.lastSignInAt }))} meId={me.id} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Add a console user</CardTitle>
              <CardDescription>Give them the password through a channel you trust; they can sign in at once.</CardDescription>
            </CardHeader>
            <CardContent>
              <AddUserForm />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}
