import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/auth/guard';
import { pageRole, PATH_HEADER } from '@/lib/auth/page-roles';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';

// Rendering gate for UX; each page, data function and action checks again. The page's own role is checked
// here, outside every loading.tsx boundary, so a page the role may not see answers 403 (lib/auth/page-roles).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser(pageRole((await headers()).get(PATH_HEADER) ?? '/'));
  return <AppShell user={user}>{children}</AppShell>;
}
