import { isGroupKind, type JobKind } from '@/lib/jobs/types';

// How a bulk operation reads in buttons, dialogs and headings (Okta's words: group, app, assign).
const n = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'user' : 'users'}`;

export function describeJob(kind: JobKind, count: number, target: string): string {
  switch (kind) {
    case 'group.add_member':
      return `Add ${n(count)} to ${target}`;
    case 'group.remove_member':
      return `Remove ${n(count)} from ${target}`;
    case 'app.assign_user':
      return `Assign ${target} to ${n(count)}`;
    case 'app.unassign_user':
      return `Unassign ${target} from ${n(count)}`;
  }
}

/** A job's heading without counts (rows already in the target state are part of its total). */
export function jobTitle(kind: JobKind, target: string): string {
  switch (kind) {
    case 'group.add_member':
      return `Add users to ${target}`;
    case 'group.remove_member':
      return `Remove users from ${target}`;
    case 'app.assign_user':
      return `Assign ${target} to users`;
    case 'app.unassign_user':
      return `Unassign ${target} from users`;
  }
}

export const isDestructive = (kind: JobKind) => kind === 'group.remove_member' || kind === 'app.unassign_user';

/** Where the target lives in the directory. */
export const targetHref = (integrationId: string, kind: JobKind, targetId: string) =>
  `/directory/${integrationId}/${isGroupKind(kind) ? 'groups' : 'apps'}/${targetId}`;

/** The state a skipped row was already in, per kind. */
export const ALREADY_LABEL: Record<JobKind, string> = {
  'group.add_member': 'Already members',
  'group.remove_member': 'Not members',
  'app.assign_user': 'Already assigned',
  'app.unassign_user': 'Not assigned',
};
