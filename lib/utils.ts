import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

export type DateInput = Date | string | number;

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Same text on server and client whatever their time zones: "2026-11-29 07:42 UTC". */
export function formatUtc(value: DateInput): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return 'Invalid date';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "3 minutes ago", "in 2 days", "just now". `now` is passed in so the function stays pure. */
export function formatRelative(value: DateInput, now: number, locale = 'en'): string {
  const time = toDate(value).getTime();
  if (Number.isNaN(time)) return 'Invalid date';
  const seconds = (time - now) / 1000;
  if (Math.abs(seconds) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  // Round first, then move up a unit when the rounded value reaches the next one ("60 minutes" -> "1 hour").
  const minutes = Math.round(seconds / 60) || Math.sign(seconds);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(seconds / 3600);
  if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
  const days = Math.round(seconds / 86400);
  if (Math.abs(days) < 7) return rtf.format(days, 'day');
  if (Math.abs(days) < 30) return rtf.format(Math.round(days / 7), 'week');
  const months = Math.round(days / 30);
  if (Math.abs(months) < 12) return rtf.format(months, 'month');
  return rtf.format(Math.round(days / 365) || Math.sign(days), 'year');
}
