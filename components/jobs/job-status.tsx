import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { ItemStatus, JobStatus } from '@/lib/jobs/types';
import { cn } from '@/lib/utils';
import {
  Ban,
  CircleCheck,
  CircleDashed,
  CircleMinus,
  CircleX,
  Clock,
  Eye,
  LoaderCircle,
  SkipForward,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';

type Style = { label: string; icon: LucideIcon; variant: NonNullable<BadgeProps['variant']>; spin?: boolean };

const JOB: Record<JobStatus, Style> = {
  preview: { label: 'Preview', icon: Eye, variant: 'muted' },
  queued: { label: 'Queued', icon: Clock, variant: 'info' },
  running: { label: 'Running', icon: LoaderCircle, variant: 'info', spin: true },
  done: { label: 'Done', icon: CircleCheck, variant: 'success' },
  cancelled: { label: 'Cancelled', icon: Ban, variant: 'muted' },
};

const ITEM: Record<ItemStatus, Style> = {
  pending: { label: 'Pending', icon: CircleDashed, variant: 'muted' },
  running: { label: 'Running', icon: LoaderCircle, variant: 'info', spin: true },
  succeeded: { label: 'Succeeded', icon: CircleCheck, variant: 'success' },
  failed: { label: 'Failed', icon: CircleX, variant: 'destructive' },
  skipped: { label: 'Skipped', icon: SkipForward, variant: 'muted' },
  cancelled: { label: 'Cancelled', icon: CircleMinus, variant: 'muted' },
};

export const itemStatusLabel = (s: ItemStatus) => ITEM[s].label;

function StatusOf({ style, className, children }: { style: Style; className?: string; children?: ReactNode }) {
  const Icon = style.icon;
  return (
    <Badge variant={style.variant} className={cn('gap-1', className)}>
      <Icon aria-hidden="true" className={cn(style.spin && 'animate-spin motion-reduce:animate-none')} />
      {children ?? style.label}
    </Badge>
  );
}

/** A bulk job's status as icon + text + colour; a finished job with failed rows says so. */
export function JobStatusBadge({ status, failed = 0 }: { status: JobStatus; failed?: number }) {
  if (status === 'done' && failed > 0)
    return (
      <StatusOf
        style={{ label: `Done, ${failed.toLocaleString('en-US')} failed`, icon: CircleX, variant: 'warning' }}
      />
    );
  return <StatusOf style={JOB[status]} />;
}

/** A row's status; a pending row handed back after a transient failure says it waits to retry. */
export function ItemStatusBadge({ status, retrying = false }: { status: ItemStatus; retrying?: boolean }) {
  if (status === 'pending' && retrying)
    return <StatusOf style={{ label: 'Waiting to retry', icon: Clock, variant: 'warning' }} />;
  return <StatusOf style={ITEM[status]} />;
}
