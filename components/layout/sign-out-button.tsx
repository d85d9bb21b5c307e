'use client';

import { Button } from '@/components/ui/button';
import { LogOut } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';

export function SignOutButton() {
  const router = useRouter();
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() =>
        void signOut({ redirect: false }).then(() => {
          router.replace('/sign-in');
          router.refresh();
        })
      }
    >
      <LogOut aria-hidden="true" />
      Sign out
    </Button>
  );
}
