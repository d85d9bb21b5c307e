import { Building2, KeyRound, ListChecks, ScrollText, Settings, type LucideIcon } from 'lucide-react';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const NAV: NavItem[] = [
  { href: '/integrations', label: 'Integrations', icon: KeyRound },
  { href: '/directory', label: 'Directory', icon: Building2 },
  { href: '/jobs', label: 'Jobs', icon: ListChecks },
  { href: '/audit', label: 'Audit log', icon: ScrollText },
  { href: '/settings', label: 'Settings', icon: Settings },
];
