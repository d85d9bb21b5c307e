import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/auth/guard';

// Rendering gate for UX; each page, data function and action checks again.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser('viewer');
  return <AppShell user={user}>{children}</AppShell>;
}
