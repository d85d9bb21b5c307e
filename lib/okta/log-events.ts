import { z } from 'zod';
import { filterString } from './path';

// System Log events about access (../shared/okta/system-log.md §6–§9), read into one small DTO. Pure: the
// console's pages and the reader share it, and tests import it without the server-only guard.

/** The membership and assignment event types the console shows (system-log.md §7). */
export const ACCESS_EVENT_TYPES = [
  'group.user_membership.add',
  'group.user_membership.remove',
  'application.user_membership.add',
  'application.user_membership.remove',
  'group.application_assignment.add',
  'group.application_assignment.remove',
] as const;
type AccessEventType = (typeof ACCESS_EVENT_TYPES)[number];

const optStr = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
const target = z.object({ id: z.string(), type: z.string(), alternateId: optStr, displayName: optStr });

/** LogEvent, only the parts read; `debugData` is "not guaranteed to be stable", so every key is optional. */
export const logEventSchema = z.object({
  uuid: z.string(),
  published: z.string(),
  eventType: z.string(),
  displayMessage: optStr,
  actor: z.object({ id: z.string(), type: z.string(), alternateId: optStr, displayName: optStr }),
  client: z.object({ id: optStr }).nullish(),
  outcome: z.object({ result: z.string() }).nullish(),
  transaction: z.object({ type: optStr, id: optStr }).nullish(),
  debugContext: z.object({ debugData: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  target: z.array(target).nullish(),
});
export type OktaLogEvent = z.output<typeof logEventSchema>;

export type AccessChangeWhat = 'added' | 'removed' | 'assigned' | 'unassigned';

/** One access change as the console shows it: what happened to which user, group and app, by whom, through what. */
export type OktaAccessChange = {
  uuid: string;
  /** ISO 8601, Okta's `published`. */
  at: string;
  eventType: AccessEventType;
  what: AccessChangeWhat;
  user?: { id: string; login?: string; name?: string };
  group?: { id: string; name?: string };
  app?: { id: string; label?: string };
  /** How it came about where Okta says so: a group rule, or (for an app) a group assignment. */
  via?: 'rule' | 'group';
  ruleId?: string;
  actor: { id: string; type: string; name: string };
  /** OAuth client that made the request (`client.id`), when Okta names one. */
  clientId?: string;
  outcome: string;
  /** The Okta request id our audit would hold for this change, when it was a request (see causingRequestId). */
  requestId?: string;
};

const WHAT: Record<AccessEventType, AccessChangeWhat> = {
  'group.user_membership.add': 'added',
  'group.user_membership.remove': 'removed',
  'application.user_membership.add': 'assigned',
  'application.user_membership.remove': 'unassigned',
  'group.application_assignment.add': 'assigned',
  'group.application_assignment.remove': 'unassigned',
};

const isAccessType = (t: string): t is AccessEventType => (ACCESS_EVENT_TYPES as readonly string[]).includes(t);

const debugString = (e: OktaLogEvent, key: string): string | undefined => {
  const v = e.debugContext?.debugData?.[key];
  return typeof v === 'string' && v ? v : undefined;
};

/**
 * THE link between an Okta event and this console's audit: the `X-Okta-Request-Id` of the write that caused it.
 * Whether Okta's `transaction.id` equals that header is UNCONFIRMED (system-log.md §8: "very likely equal for
 * synchronous WEB events"; `debugData.requestId` equals `transaction.id` in real events). JOB transactions
 * (rules, a group's assignment reaching members) carry other ids, so they link to nothing. Change it here only.
 */
export function causingRequestId(e: OktaLogEvent): string | undefined {
  if (e.transaction?.type !== 'WEB') return undefined;
  return e.transaction.id ?? debugString(e, 'requestId');
}

/**
 * Made by this console's service app: `client.id` is "the ID of the OAuth client making the request" [SPEC];
 * the actor of a client-credentials call is probably the app itself (UNCONFIRMED, §7), so that is the fallback.
 */
export function madeByClient(change: Pick<OktaAccessChange, 'clientId' | 'actor'>, clientId: string): boolean {
  return change.clientId === clientId || (change.clientId === undefined && change.actor.id === clientId);
}

/** An access event as a change (targets read by type, never by position), or null for any other event. */
export function toAccessChange(e: OktaLogEvent): OktaAccessChange | null {
  if (!isAccessType(e.eventType)) return null;
  const of = (type: string) => e.target?.find((t) => t.type === type);
  const user = of('User');
  const group = of('UserGroup');
  const app = of('AppInstance');
  const ruleId = debugString(e, 'triggeredByGroupRuleId');
  // Rule-driven: the rule id in debugData, or Okta System as actor (system-log.md §7, UNCONFIRMED). An app that
  // reaches a user through a group is a JOB (the AppUser's scope GROUP is the authoritative signal, §7).
  const byRule = ruleId !== undefined || (e.actor.type === 'SystemPrincipal' && e.eventType.startsWith('group.user'));
  const viaGroup = e.eventType.startsWith('application.') && e.transaction?.type === 'JOB';
  return {
    uuid: e.uuid,
    at: e.published,
    eventType: e.eventType,
    what: WHAT[e.eventType],
    ...(user && { user: { id: user.id, login: user.alternateId, name: user.displayName } }),
    ...(group && { group: { id: group.id, name: group.displayName } }),
    ...(app && { app: { id: app.id, label: app.displayName ?? app.alternateId } }),
    ...(byRule ? { via: 'rule' as const } : viaGroup ? { via: 'group' as const } : {}),
    ...(ruleId && { ruleId }),
    actor: {
      id: e.actor.id,
      type: e.actor.type,
      name: e.actor.displayName ?? e.actor.alternateId ?? e.actor.id,
    },
    ...(e.client?.id && { clientId: e.client.id }),
    outcome: e.outcome?.result ?? 'UNKNOWN',
    ...(causingRequestId(e) && { requestId: causingRequestId(e) }),
  };
}

/** What to ask Okta for: the access event types, narrowed to events naming every given id among their targets. */
export function accessFilter(o: { targetIds?: string[]; actorId?: string } = {}): string {
  const types = ACCESS_EVENT_TYPES.map((t) => `eventType eq ${filterString(t)}`).join(' or ');
  const clauses = [`(${types})`];
  for (const id of o.targetIds ?? []) clauses.push(`target.id eq ${filterString(id)}`);
  if (o.actorId) clauses.push(`actor.id eq ${filterString(o.actorId)}`);
  return clauses.join(' and ');
}
