'use client';

import { signOut } from 'next-auth/react';
import { useEffect } from 'react';

/** Ends the console session, then goes on to `then` (Okta's logout, or the sign-in page). */
export function SignOutNow({ then }: { then: string }) {
  useEffect(() => {
    void signOut({ redirect: false }).then(() => window.location.replace(then));
  }, [then]);
  return <p className="text-sm text-muted-foreground">Ending your session in this console and at Okta.</p>;
}
