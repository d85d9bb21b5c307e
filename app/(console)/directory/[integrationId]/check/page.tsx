import { CheckAccess } from '@/components/directory/member-forms';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guard';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Check access' };

export default async function CheckPage({ params }: { params: Promise<{ integrationId: string }> }) {
  await requireUser('operator');
  const { integrationId } = await params;
  return (
    <div className="grid gap-4">
      <Card role="region" aria-label="Group membership check">
        <CardHeader>
          <CardTitle>Is this user in this group?</CardTitle>
          <CardDescription>One call for the user&apos;s groups — never a scan of the group.</CardDescription>
        </CardHeader>
        <CardContent>
          <CheckAccess integrationId={integrationId} target="groups" />
        </CardContent>
      </Card>
      <Card role="region" aria-label="Application access check">
        <CardHeader>
          <CardTitle>Does this user have this application?</CardTitle>
          <CardDescription>Directly, through which groups, or not at all.</CardDescription>
        </CardHeader>
        <CardContent>
          <CheckAccess integrationId={integrationId} target="apps" />
        </CardContent>
      </Card>
    </div>
  );
}
