'use client';

import { cn } from '@/lib/utils';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

type Section = { label: string; href: string; current: (path: string, kind: string | null) => boolean };

const sections = (base: string): Section[] => [
  {
    label: 'People',
    href: `${base}?kind=users`,
    current: (p, k) => (p === base && k !== 'groups' && k !== 'apps') || p.startsWith(`${base}/users/`),
  },
  {
    label: 'Groups',
    href: `${base}?kind=groups`,
    current: (p, k) => (p === base && k === 'groups') || p.startsWith(`${base}/groups/`),
  },
  {
    label: 'Applications',
    href: `${base}?kind=apps`,
    current: (p, k) => (p === base && k === 'apps') || p.startsWith(`${base}/apps/`),
  },
  { label: 'Check access', href: `${base}/check`, current: (p) => p === `${base}/check` },
  { label: 'Bulk change', href: `${base}/bulk`, current: (p) => p === `${base}/bulk` },
  { label: 'Outside changes', href: `${base}/changes`, current: (p) => p === `${base}/changes` },
  { label: 'Temporary access', href: `${base}/grants`, current: (p) => p === `${base}/grants` },
];

/** The directory's sections, the one in view marked (aria-current) for sighted and screen-reader users alike. */
export function DirectoryTabs({ base }: { base: string }) {
  const path = usePathname();
  const kind = useSearchParams().get('kind');
  return (
    <nav aria-label="Directory sections" className="flex flex-wrap gap-2 text-sm">
      {sections(base).map((s) => {
        const current = s.current(path, kind);
        return (
          <Link
            key={s.label}
            href={s.href}
            aria-current={current ? 'page' : undefined}
            className={cn(
              'rounded-md border px-3 py-1.5 hover:bg-accent',
              current && 'border-foreground/25 bg-accent font-medium',
            )}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
