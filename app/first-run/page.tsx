import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { firstRunLinkState, type FirstRunLinkState } from '@/lib/auth/first-run';
import type { Metadata } from 'next';
import Link from 'next/link';
import { FirstRunForm } from './form';

export const metadata: Metadata = { title: 'Create the first admin' };

const TITLES: Record<FirstRunLinkState, string> = {
  valid: 'Create the first admin',
  admin_exists: 'An admin already exists',
  invalid: 'This setup link is not valid',
};

export default async function FirstRunPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const state: FirstRunLinkState =
    typeof token === 'string' && token.length <= 200 ? await firstRunLinkState(token) : 'invalid';
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <Card className="w-full max-w-md">
        <CardHeader>
          <h1 className="leading-none font-semibold">{TITLES[state]}</h1>
          {state === 'valid' ? (
            <CardDescription>
              This console has no users yet. The admin you create here can add operators and viewers, and connect Okta
              orgs.
            </CardDescription>
          ) : null}
        </CardHeader>
        <CardContent>
          {state === 'valid' ? (
            <FirstRunForm token={token!} />
          ) : state === 'admin_exists' ? (
            <div className="grid gap-4">
              <p className="text-sm">
                This console already has its first admin, so setup links no longer work. Sign in with that account; an
                admin adds other people under Settings.
              </p>
              <Button asChild className="w-full">
                <Link href="/sign-in">Sign in</Link>
              </Button>
            </div>
          ) : (
            <Alert variant="destructive">
              <AlertTitle>Expired or mistyped</AlertTitle>
              <AlertDescription>
                A setup link works once and for 24 hours. While the console has no admin, each start prints a new one in
                the server log: restart the console and open the link it prints.
              </AlertDescription>
            </Alert>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
