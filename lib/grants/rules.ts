import { formatUtc } from '@/lib/utils';

// The rules of a time-bound grant's end, pure so the grant form shows the same presets and limits the server
// checks. Ends are instants (stored in UTC); the form shows them in the admin's time zone beside UTC.

/** The time, injectable: tests move it instead of waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The durations offered first, shortest first. */
export const GRANT_PRESETS = [
  { label: '1 hour', ms: HOUR },
  { label: '4 hours', ms: 4 * HOUR },
  { label: '1 day', ms: DAY },
  { label: '7 days', ms: 7 * DAY },
  { label: '30 days', ms: 30 * DAY },
] as const;

/** The shortest and longest grant (GRANT_MIN_SECONDS, GRANT_MAX_DAYS). */
export interface GrantLimits {
  minMs: number;
  maxMs: number;
}

/** "5 seconds", "1 minute", "90 days": a duration in its largest whole unit. */
export function spellDuration(ms: number): string {
  const units: [number, string][] = [
    [DAY, 'day'],
    [HOUR, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  const [size, unit] = units.find(([size]) => ms >= size && ms % size === 0) ?? [1_000, 'second'];
  const n = Math.round(ms / size);
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Why a grant cannot end at `endsAt` (the field error of `expiresAt`), or null. */
export function endProblem(endsAt: Date, now: Date, limits: GrantLimits): string | null {
  const ms = endsAt.getTime() - now.getTime();
  if (ms <= 0) return `${formatUtc(endsAt)} is in the past: choose an end after now.`;
  // A preset's end is computed when the admin clicks; the request's own time is not held against it.
  const grace = Math.min(5_000, limits.minMs / 2);
  if (ms < limits.minMs - grace) return `A grant lasts at least ${spellDuration(limits.minMs)}: choose a later end.`;
  if (ms > limits.maxMs)
    return `A grant ends at most ${spellDuration(limits.maxMs)} from now (${formatUtc(now.getTime() + limits.maxMs)}): choose an earlier end, or make the change without an end.`;
  return null;
}

/** Which grants a list shows: open ones (active, ending, overdue) soonest end first, or those in one state. */
export const GRANT_LISTS = ['open', 'active', 'overdue', 'ended', 'permanent'] as const;
export type GrantList = (typeof GRANT_LISTS)[number];

/** A list page's cursor: the last row's sort time (ms) and id. */
export const GRANT_CURSOR = /^\d{1,15}\.grt_[A-Za-z0-9]{20}$/;
