import { Alert, AlertDescription } from '@/components/ui/alert';
import { buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { isOktaRefusal, OKTA_REFUSALS, OKTA_TEXTS, type OktaRefusal } from '@/lib/auth/okta-refusals';
import { describeMapping } from '@/lib/auth/okta-role-groups';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Sign-in refused' };

// next-auth's own error codes (its pages.error), for failures outside Okta's callback (e.g. Okta unreachable).
const NEXT_AUTH_ERRORS: Record<string, OktaRefusal> = { OAuthSignin: 'unavailable', Configuration: 'unavailable' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Why a sign-in was refused, in words; never a redirect back into the sign-in (no loop). */
export default async function SignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[]; okta?: string | string[]; error?: string | string[] }>;
}) {
  const q = await searchParams;
  const raw = first(q.reason);
  const reason: OktaRefusal = isOktaRefusal(raw) ? raw : (NEXT_AUTH_ERRORS[first(q.error) ?? ''] ?? 'callback');
  const oktaText = OKTA_TEXTS[Number(first(q.okta) ?? -1)];
  const mapping = env.oktaSignIn?.roleGroups ?? [];
  return (
    <Card>
      <CardHeader>
        <h1 className="leading-none font-semibold">Sign-in refused</h1>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Alert variant="destructive">
          <AlertDescription className="font-medium">{OKTA_REFUSALS[reason]}</AlertDescription>
          {oktaText && <AlertDescription>Okta says: “{oktaText}”</AlertDescription>}
          {reason === 'no_group' && mapping.length > 0 && (
            <AlertDescription>
              Ask your Okta admin to add you to one of these groups: {describeMapping(mapping, (r) => ROLE_LABELS[r])}.
            </AlertDescription>
          )}
        </Alert>
        <Link href="/sign-in" className={buttonVariants({ variant: 'outline' })}>
          Back to sign-in
        </Link>
      </CardContent>
    </Card>
  );
}
