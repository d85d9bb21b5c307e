import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { getCurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { safeCallbackPath } from '@/lib/security/redirect';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from './form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(callbackUrl, env.APP_URL);
  if (await getCurrentUser()) redirect(next);
  return (
    <Card>
      <CardHeader>
        <h1 className="leading-none font-semibold">Sign in</h1>
        <CardDescription>
          Use your console account. Okta credentials are entered later, per integration.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm next={next} />
      </CardContent>
    </Card>
  );
}
