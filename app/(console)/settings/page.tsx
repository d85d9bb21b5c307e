import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guard';
import { hasRole, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { listApiTokensForAdmin } from '@/lib/queries/api-tokens';
import { listConsoleUsersForAdmin } from '@/lib/queries/console-users';
import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { AddUserForm } from './_components/add-user-form';
import { ApiTokensTable } from './_components/api-tokens-table';
import { CreateApiTokenForm } from './_components/create-api-token-form';
import { LinkOktaForm } from './_components/link-okta-form';
import { UsersTable } from './_components/users-table';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const me = await requireUser('viewer');
  const isAdmin = hasRole(me.role, 'admin');
  const [users, tokens] = isAdmin
    ? await Promise.all([listConsoleUsersForAdmin(), listApiTokensForAdmin()])
    : [[], null];
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Settings"
        description="Your account and, for admins, the people and API tokens that can use this console."
      />
      <Card>
        <CardHeader>
          <CardTitle>Your account</CardTitle>
          <CardDescription>
            {me.name} · {me.email} · {ROLE_LABELS[me.role]}: {ROLE_DESCRIPTIONS[me.role]}
            {me.okta ? ' · Signs in with Okta' : ''}
          </CardDescription>
        </CardHeader>
        {env.oktaSignIn && !me.okta && (
          <CardContent className="grid gap-2">
            <h2 className="text-sm font-medium">Link to Okta</h2>
            <LinkOktaForm label={env.oktaSignIn.label} />
          </CardContent>
        )}
      </Card>
      {isAdmin ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Console users</CardTitle>
              <CardDescription>Changing a role or disabling someone ends their open sessions at once.</CardDescription>
            </CardHeader>
            <CardContent>
              <UsersTable
                users={users.map((u) => ({
                  id: u.id,
                  name: u.name,
                  email: u.email,
                  role: u.role,
                  disabled: u.disabled,
                  lastSignInAt: u.lastSignInAt,
                  okta: u.oktaSub !== null,
                }))}
                meId={me.id}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Add a console user</CardTitle>
              <CardDescription>
                Give them the password through a channel you trust; they can sign in at once.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <AddUserForm />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>API tokens</CardTitle>
              <CardDescription>
                Other tools and workflows use the automation API (<code className="font-mono">/api/v1</code>) with these
                tokens. Each is limited to its integrations and to read or write, is rate limited, and every change it
                makes is in the audit log under its name.
              </CardDescription>
            </CardHeader>
            <CardContent>
              {tokens && tokens.tokens.length > 0 ? (
                <ApiTokensTable tokens={tokens.tokens} />
              ) : (
                <EmptyState
                  icon={KeyRound}
                  headingLevel={3}
                  title="No API tokens yet"
                  description="Create one below for each tool that should call the automation API."
                />
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Create an API token</CardTitle>
              <CardDescription>
                The token is shown once, right after you create it; the console keeps only a hash.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <CreateApiTokenForm integrations={tokens?.integrations ?? []} />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}
