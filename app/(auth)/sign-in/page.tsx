import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { getCurrentUser } from '@/lib/auth/current-user';
import { SignInForm } from './form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getCurrentUser()) redirect('/integrations');
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an absolute callback URL would be an open redirect.
  const next = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/integrations';
  return (
    <Card>
      <CardHeader>
        <h1 className="leading-none font-semibold">Sign in</h1>
        <CardDescription>Use your console account. Okta credentials are entered later, per integration.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm next={next} />
      </CardContent>
    </Card>
  );
}
