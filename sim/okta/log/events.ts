import { randomUUID } from 'node:crypto';
import { iso } from '../core/ids';
import type { ActingContext, LogActor, LogClient, LogTransaction } from './context';

// LogEvent as the spec defines it (management-minimal.yaml #/components/schemas/LogEvent) and the event types
// the console reads (system-log.md §7). displayMessage is the catalogue's text without its final period, as
// real events show it (the 2018 event in [XSOAR]); consumers must key on eventType anyway.

export interface LogTarget {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry: null;
}

export interface LogEventJson {
  uuid: string;
  published: string;
  eventType: string;
  version: '0';
  severity: 'INFO';
  displayMessage: string;
  legacyEventType: string | null;
  actor: LogActor;
  client: LogClient;
  device: null;
  authenticationContext: {
    authenticationProvider: null;
    credentialProvider: null;
    credentialType: null;
    issuer: null;
    interface: null;
    authenticationStep: 0;
    externalSessionId: string | null;
    rootSessionId: string | null;
  };
  outcome: { result: 'SUCCESS'; reason: null };
  securityContext: { asNumber: null; asOrg: null; isp: null; domain: null; isProxy: null };
  debugContext: { debugData: Record<string, string> };
  transaction: LogTransaction;
  request: { ipChain: Array<{ ip: string; geographicalContext: null; version: 'V4' | 'V6'; source: null }> };
  target: LogTarget[];
}

/** The event types the simulator emits: catalogue text and, where the notes name one, the legacy type. */
export const EVENT_TYPES = {
  'group.user_membership.add': {
    message: 'Add user to group membership',
    legacy: 'core.user_group_member.user_add',
  },
  'group.user_membership.remove': {
    message: 'Remove user from group membership',
    legacy: 'core.user_group_member.user_remove',
  },
  'group.user_membership.rule.add_exclusion': {
    message: 'Add user to group membership exclusion rule',
    legacy: null,
  },
  'application.user_membership.add': {
    message: 'Add user to application membership',
    legacy: 'app.generic.provision.assign_user_to_app',
  },
  'application.user_membership.remove': {
    message: "Remove user's application membership",
    legacy: null,
  },
  'group.application_assignment.add': { message: 'Add assigned application to group', legacy: null },
  'group.application_assignment.remove': { message: 'Remove assigned application from group', legacy: null },
} as const;

export type EventType = keyof typeof EVENT_TYPES;

const SECURITY = { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null } as const;

export function buildEvent(
  eventType: EventType,
  context: ActingContext,
  target: LogTarget[],
  publishedMs: number,
  debugData: Record<string, string> = {},
): LogEventJson {
  const ip = context.client.ipAddress;
  return {
    uuid: randomUUID(),
    published: iso(publishedMs),
    eventType,
    version: '0',
    severity: 'INFO',
    displayMessage: EVENT_TYPES[eventType].message,
    legacyEventType: EVENT_TYPES[eventType].legacy,
    actor: context.actor,
    client: context.client,
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: context.externalSessionId,
      rootSessionId: context.externalSessionId,
    },
    outcome: { result: 'SUCCESS', reason: null },
    securityContext: SECURITY,
    debugContext: { debugData: { ...context.debugData, ...debugData } },
    transaction: context.transaction,
    request: {
      ipChain: ip ? [{ ip, geographicalContext: null, version: ip.includes(':') ? 'V6' : 'V4', source: null }] : [],
    },
    target,
  };
}
