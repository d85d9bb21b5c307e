import { Badge } from '@/components/ui/badge';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { MobileNav } from './mobile-nav';
import { SidebarNav } from './sidebar-nav';
import { SignOutButton } from './sign-out-button';

/** The signed-in frame: product name, navigation, the admin with their role, sign-out. */
export function AppShell({
  user,
  children,
}: {
  user: { name: string; email: string; role: Role; okta?: boolean };
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-background focus:p-2"
      >
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col gap-6 border-r border-sidebar-border bg-sidebar p-4 md:flex">
        <Link href="/integrations" className="flex items-center gap-2 px-2 font-semibold">
          <ShieldCheck className="size-5" aria-hidden="true" />
          Okta Access Console
        </Link>
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center gap-3 border-b px-4">
          <MobileNav />
          <span className="font-semibold md:hidden">Okta Access Console</span>
          <div className="ml-auto flex items-center gap-3">
            <div className="hidden text-right text-sm sm:block" aria-label="Signed in as">
              <div className="font-medium">{user.name}</div>
              <div className="text-xs text-muted-foreground">{user.email}</div>
            </div>
            <Badge variant="secondary" aria-label={`Role: ${ROLE_LABELS[user.role]}`}>
              {ROLE_LABELS[user.role]}
            </Badge>
            <SignOutButton okta={user.okta} />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
