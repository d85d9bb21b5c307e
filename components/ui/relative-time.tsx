'use client';

import { useSyncExternalStore, type ReactNode } from 'react';

import { cn, formatRelative, formatUtc, toDate, type DateInput } from '@/lib/utils';

// One shared clock for every <RelativeTime> on the page, ticking while any is mounted.
let now = typeof window === 'undefined' ? 0 : Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = () => now;
// Server render and hydration see null: they show the absolute UTC time, identical on both sides.
const getServerSnapshot = () => null;

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

export type RelativeTimeProps = {
  date: DateInput | null | undefined;
  /** Shown when there is no date, e.g. "Never" for a connection that was never tested. */
  fallback?: ReactNode;
  className?: string;
};

/** "5 minutes ago", with the absolute local time on hover; updates every 30 seconds. */
export function RelativeTime({ date, fallback = 'Never', className }: RelativeTimeProps) {
  const current = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  if (date == null) return <span className={className}>{fallback}</span>;
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) return <span className={className}>{fallback}</span>;
  const mounted = current !== null;
  return (
    <time
      dateTime={d.toISOString()}
      title={mounted ? localFormat.format(d) : formatUtc(d)}
      className={cn('whitespace-nowrap', className)}
    >
      {mounted ? formatRelative(d, current) : formatUtc(d)}
    </time>
  );
}
