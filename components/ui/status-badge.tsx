import {
  AppWindow,
  Ban,
  Circle,
  CircleCheck,
  CircleDashed,
  CircleDot,
  CircleMinus,
  CirclePause,
  CircleQuestionMark,
  CircleX,
  KeyRound,
  LoaderCircle,
  Lock,
  ShieldCheck,
  SkipForward,
  TriangleExclamationPoint,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';

import { Badge, type BadgeProps } from '@/components/ui/badge';
import { cn } from '@/lib/utils';

type Variant = NonNullable<BadgeProps['variant']>;
type StatusStyle = { label: string; icon: LucideIcon; variant: Variant; spin?: boolean };

// Keys are the values the console stores or Okta returns, so callers pass them through unchanged.
const STATUSES = {
  // Integration connection
  connected: { label: 'Connected', icon: CircleCheck, variant: 'success' },
  failing: { label: 'Failing', icon: CircleX, variant: 'destructive' },
  never_tested: { label: 'Never tested', icon: CircleDashed, variant: 'muted' },
  // Integration write access (lib/integrations/write-access)
  verified: { label: 'Write access verified', icon: ShieldCheck, variant: 'success' },
  unverified: { label: 'Write access not verified', icon: CircleQuestionMark, variant: 'warning' },
  missing: { label: 'Write access missing', icon: CircleX, variant: 'destructive' },
  // Okta user status
  ACTIVE: { label: 'Active', icon: CircleCheck, variant: 'success' },
  SUSPENDED: { label: 'Suspended', icon: CirclePause, variant: 'warning' },
  DEPROVISIONED: { label: 'Deprovisioned', icon: Ban, variant: 'muted' },
  INACTIVE: { label: 'Inactive', icon: CircleMinus, variant: 'muted' },
  STAGED: { label: 'Staged', icon: CircleDashed, variant: 'info' },
  PROVISIONED: { label: 'Provisioned', icon: CircleDot, variant: 'info' },
  RECOVERY: { label: 'Recovery', icon: KeyRound, variant: 'warning' },
  PASSWORD_EXPIRED: { label: 'Password expired', icon: KeyRound, variant: 'warning' },
  LOCKED_OUT: { label: 'Locked out', icon: Lock, variant: 'destructive' },
  // Okta group type
  OKTA_GROUP: { label: 'Okta group', icon: Users, variant: 'outline' },
  APP_GROUP: { label: 'App group', icon: AppWindow, variant: 'info' },
  BUILT_IN: { label: 'Built-in', icon: ShieldCheck, variant: 'muted' },
  // Checklist / test results
  pass: { label: 'Pass', icon: CircleCheck, variant: 'success' },
  fail: { label: 'Fail', icon: CircleX, variant: 'destructive' },
  warn: { label: 'Warning', icon: TriangleExclamationPoint, variant: 'warning' },
  skip: { label: 'Skipped', icon: SkipForward, variant: 'muted' },
  pending: { label: 'Pending', icon: Circle, variant: 'muted' },
  running: { label: 'Running', icon: LoaderCircle, variant: 'info', spin: true },
} satisfies Record<string, StatusStyle>;

export type StatusKind = keyof typeof STATUSES;

export function isStatusKind(value: string): value is StatusKind {
  return Object.hasOwn(STATUSES, value);
}

export type StatusBadgeProps = {
  /** Unknown values (new Okta statuses) render neutrally with the raw value as text. */
  status: StatusKind | (string & {});
  /** Replaces the default text, e.g. "Failing since 10:42". Keep it meaningful without the colour. */
  children?: ReactNode;
  className?: string;
  title?: string;
};

/** A status as icon + text + colour, never colour alone. */
export function StatusBadge({ status, children, className, title }: StatusBadgeProps) {
  const style: StatusStyle = isStatusKind(status)
    ? STATUSES[status]
    : { label: status, icon: CircleQuestionMark, variant: 'muted' };
  const Icon = style.icon;
  return (
    <Badge variant={style.variant} data-status={status} title={title} className={cn('gap-1', className)}>
      <Icon aria-hidden="true" className={cn(style.spin && 'animate-spin motion-reduce:animate-none')} />
      {children ?? style.label}
    </Badge>
  );
}
