import { z } from 'zod';
import { queryParam } from './query-param';

// The "Changes made outside the console" feed's filters, parsed from GET query parameters by the page and the
// CSV export alike.

/** Okta keeps 90 days of System Log (system-log.md §4); the feed goes no further back. */
export const CHANGES_MAX_DAYS = 90;
const DAY = 86_400_000;

const oktaId = (what: string) =>
  z.string().regex(/^[0-9A-Za-z]{20}$/, `Enter the ${what}’s Okta id (20 letters and digits)`);

export const changesFilterSchema = z
  .object({
    since: queryParam(z.iso.date('Enter a date as YYYY-MM-DD')),
    user: queryParam(oktaId('user')),
    group: queryParam(oktaId('group')),
    app: queryParam(oktaId('app')),
    // Actors are users (00u…), apps (0oa…) or Okta itself (system@okta.com).
    actor: queryParam(z.string().regex(/^[\w.@+-]{1,100}$/, 'Enter the actor’s Okta id')),
    page: queryParam(z.string().max(6000)),
  })
  .refine((f) => !f.since || Date.parse(f.since) >= Date.now() - CHANGES_MAX_DAYS * DAY - DAY, {
    path: ['since'],
    message: `Okta keeps the System Log for ${CHANGES_MAX_DAYS} days: choose a later date`,
  });
export type ChangesFilter = z.output<typeof changesFilterSchema>;

/** The feed's start: the chosen day, or the day a week ago; UTC midnight, so page links stay valid all day. */
export const changesSince = (f: ChangesFilter, now = Date.now()): Date =>
  new Date(`${f.since ?? new Date(now - 7 * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`);
