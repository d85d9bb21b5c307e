'use client';

import { Button } from '@/components/ui/button';
import { LogOut } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';

/** Signs out of the console; an Okta user goes through /sign-out, which also ends the Okta session. */
export function SignOutButton({ okta = false }: { okta?: boolean }) {
  const router = useRouter();
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => {
        if (okta) {
          router.push('/sign-out');
          return;
        }
        void signOut({ redirect: false }).then(() => {
          router.replace('/sign-in');
          router.refresh();
        });
      }}
    >
      <LogOut aria-hidden="true" />
      Sign out
    </Button>
  );
}
