import { assignGroup, assignUser, unassignGroup, unassignUser } from './app-assignment';
import { addMember, removeMember } from './membership';
import {
  CHANGED_WRITE_OUTCOMES,
  type AccessKind,
  type ChangedOutcome,
  type ChangeInput,
  type WriteOutcome,
} from './types';

// The registry of access operations: one descriptor per kind. Adding a kind: its descriptor (in its relation's
// file), a line here, its cases in kinds.test.ts, and at most one UI file.
export const KINDS = {
  'group.add_member': addMember,
  'group.remove_member': removeMember,
  'app.assign_user': assignUser,
  'app.unassign_user': unassignUser,
  'app.assign_group': assignGroup,
  'app.unassign_group': unassignGroup,
} as const;

export type KindId = keyof typeof KINDS;
/** The kinds a bulk job can run. */
export type BulkKindId = { [K in KindId]: (typeof KINDS)[K]['bulk'] extends true ? K : never }[KindId];

export const KIND_IDS = Object.keys(KINDS) as [KindId, ...KindId[]];
export const BULK_KIND_IDS = KIND_IDS.filter((id) => KINDS[id].bulk) as [BulkKindId, ...BulkKindId[]];

/** The kinds a time-bound grant can give (each takes its access back with its reverse). */
export type GrantKindId = { [K in KindId]: (typeof KINDS)[K] extends { timeBound: object } ? K : never }[KindId];
export const GRANT_KIND_IDS = KIND_IDS.filter((id) => 'timeBound' in KINDS[id]) as [GrantKindId, ...GrantKindId[]];

export const kindOf = (id: KindId): AccessKind => KINDS[id];

/** The bulk kind that undoes a bulk kind (kinds.test.ts checks every reverse is bulk when its kind is). */
export const reverseOf = (id: BulkKindId): BulkKindId => KINDS[id].reverse;

/** Did a write with this outcome change Okta (the API's `changed`)? */
export const changedOkta = (outcome: string) => (CHANGED_WRITE_OUTCOMES as readonly string[]).includes(outcome);

/** The kinds' `changed` outcomes (the rows an undo reverses; a priority `updated` is not undone by unassigning). */
export const CHANGED_OUTCOMES: readonly ChangedOutcome[] = [...new Set(KIND_IDS.map((id) => KINDS[id].changed))];

/** Each outcome a kind's write can report, as a job's row or a list names it in a word or two. */
export const OUTCOME_LABELS: Record<WriteOutcome, string> = {
  added: 'Added',
  removed: 'Removed',
  assigned: 'Assigned',
  unassigned: 'Unassigned',
  updated: 'Priority updated',
  already_member: 'Already a member',
  not_member: 'Not a member',
  already_assigned: 'Already assigned',
  not_assigned: 'Not assigned',
  granted_by_group: 'Granted by a group',
};

export { appGroup, appUser } from './app-assignment';
export { membership } from './membership';
export type {
  AccessKind,
  AlreadyOutcome,
  ChangedOutcome,
  ChangeInput,
  End,
  EndType,
  Holding,
  Relation,
  WriteOutcome,
} from './types';

/** Ids of a change's ends as forms and URLs name them (`userId`, `groupId`, `appId`). */
export type EndIds = { userId?: string; groupId?: string; appId?: string; priority?: number };

/** A change's input from named ids: the kind's relation says which id is the resource and which the member. */
export function changeInput(id: KindId, ids: EndIds): ChangeInput {
  const { relation } = KINDS[id];
  const resourceId = ids[`${relation.resource}Id`];
  const memberId = ids[`${relation.member}Id`];
  if (!resourceId || !memberId) throw new Error(`${id} needs a ${relation.resource} id and a ${relation.member} id`);
  return { resourceId, memberId, ...(ids.priority === undefined ? {} : { priority: ids.priority }) };
}
