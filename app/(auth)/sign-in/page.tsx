import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { getCurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { safeCallbackPath } from '@/lib/security/redirect';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from './form';
import { OktaSignInButton } from './okta-button';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(callbackUrl, env.APP_URL);
  if (await getCurrentUser()) redirect(next);
  const okta = env.oktaSignIn;
  return (
    <Card>
      <CardHeader>
        <h1 className="leading-none font-semibold">Sign in</h1>
        <CardDescription>
          {env.PASSWORD_SIGN_IN
            ? 'Use your console account. Okta credentials are entered later, per integration.'
            : 'Sign in with your Okta account.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {okta && <OktaSignInButton label={okta.label} next={next} />}
        {okta && env.PASSWORD_SIGN_IN && (
          <p className="text-center text-xs text-muted-foreground" aria-hidden="true">
            or with email and password
          </p>
        )}
        {env.PASSWORD_SIGN_IN && <SignInForm next={next} />}
      </CardContent>
    </Card>
  );
}
