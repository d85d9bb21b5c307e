import { KINDS, type BulkKindId } from '@/lib/access/kinds';

// How a bulk operation reads in buttons, dialogs and headings: the kind's own words (lib/access/kinds), with
// counts formatted for people and the target linked in the directory.
const users = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'user' : 'users'}`;

export const describeJob = (kind: BulkKindId, count: number, target: string) => KINDS[kind].job(users(count), target);

/** A job's heading without counts (rows already in the target state are part of its total). */
export const jobTitle = (kind: BulkKindId, target: string) => KINDS[kind].title(target);

export const isDestructive = (kind: BulkKindId) => !KINDS[kind].grants;

/** Where the target lives in the directory. */
export const targetHref = (integrationId: string, kind: BulkKindId, targetId: string) =>
  `/directory/${integrationId}/${KINDS[kind].relation.resource}s/${targetId}`;
