'use client';

import { LogOut } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  return (
    <Button variant="ghost" size="sm" onClick={() => void signOut({ redirect: false }).then(() => window.location.assign('/sign-in'))}>
      <LogOut aria-hidden="true" />
      Sign out
    </Button>
  );
}
