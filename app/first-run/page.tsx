import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { isFirstRunTokenValid } from '@/lib/auth/first-run';
import type { Metadata } from 'next';
import Link from 'next/link';
import { FirstRunForm } from './form';

export const metadata: Metadata = { title: 'Create the first admin' };

export default async function FirstRunPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && token.length <= 200 && (await isFirstRunTokenValid(token));
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <Card className="w-full max-w-md">
        <CardHeader>
          <h1 className="leading-none font-semibold">Create the first admin</h1>
          <CardDescription>
            This console has no users yet. The admin you create here can add operators and viewers, and connect Okta
            orgs.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {valid ? (
            <FirstRunForm token={token} />
          ) : (
            <Alert variant="destructive">
              <AlertTitle>This setup link is not valid</AlertTitle>
              <AlertDescription>
                It was already used, it expired, or an admin already exists. Restart the server for a new link, or{' '}
                <Link className="underline" href="/sign-in">
                  sign in
                </Link>
                .
              </AlertDescription>
            </Alert>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
