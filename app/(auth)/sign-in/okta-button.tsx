'use client';

import { Button } from '@/components/ui/button';
import { signIn } from 'next-auth/react';
import { useState } from 'react';

/** Starts the Okta sign-in (authorization code with PKCE, state and nonce; next-auth builds the request). */
export function OktaSignInButton({ label, next }: { label: string; next: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant="outline"
      className="w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn('okta', { callbackUrl: next });
      }}
    >
      {pending ? 'Going to Okta…' : label}
    </Button>
  );
}
