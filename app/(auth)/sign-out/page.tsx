import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guard';
import { oktaLogoutUrl } from '@/lib/auth/okta-sign-out';
import type { Metadata } from 'next';
import { SignOutNow } from './sign-out-now';

export const metadata: Metadata = { title: 'Signing out' };

// An Okta user's sign-out: the console session ends here, then Okta's logout ends the Okta session (otherwise
// the next "Sign in with Okta" would be silent) and returns to the sign-in page.
export default async function SignOutPage() {
  const user = await requireUser();
  const oktaUrl = user.okta ? await oktaLogoutUrl(user.id) : null;
  return (
    <Card>
      <CardHeader>
        <h1 className="leading-none font-semibold">Signing out…</h1>
      </CardHeader>
      <CardContent>
        <SignOutNow then={oktaUrl ?? '/sign-in'} />
      </CardContent>
    </Card>
  );
}
