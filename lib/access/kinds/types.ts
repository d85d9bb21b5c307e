import type { OktaApp, OktaClient, OktaGroup } from '@/lib/okta';

// What every access operation is made of. Each kind (lib/access/kinds/<relation>.ts) is one descriptor that
// single changes, bulk jobs, undo, the automation API and the UI all read. Pure: lib/okta is used only as a
// type (the client is passed in), so client components may import the wording.

/** One end of an access change, as the audit and the UI name it: a user by login, a group or app by name. */
export type EndType = 'user' | 'group' | 'app';
export interface End {
  type: EndType;
  id: string;
  label: string;
}

/** Outcomes of a write that changed Okta: each kind's `changed`, and app.assign_group's `updated` (a new priority). */
export const CHANGED_WRITE_OUTCOMES = ['added', 'removed', 'assigned', 'unassigned', 'updated'] as const;
export type ChangedOutcome = (typeof CHANGED_WRITE_OUTCOMES)[number];
export type AlreadyOutcome = 'already_member' | 'not_member' | 'already_assigned' | 'not_assigned';
/** What Okta's write reported; `granted_by_group` is Okta's refusal (E0000046) to unassign a group's app. */
export type WriteOutcome = ChangedOutcome | AlreadyOutcome | 'granted_by_group';

/** The ends of one change: the resource (a group or app: a bulk job's target) and the member (a user or group). */
export interface ChangeInput {
  resourceId: string;
  memberId: string;
  /** app.assign_group only: Okta's priority of the group's assignment. */
  priority?: number;
}

/** How a member holds a relation: itself, only through a group (app assignments), or not at all. */
export type Holding = 'direct' | 'indirect' | 'none';

/** What decides a refusal besides the resource itself. */
export interface RefusalFacts {
  /** The group holds an admin role (Okta's `expand=stats` → `hasAdminPrivlege`). */
  holdsAdminRole?: boolean;
  /** The integration's app is known to be a Super Administrator (its last connection test read that role). */
  superAdmin?: boolean;
}

/** A pair of ends that access joins (user ∈ group, app → user, app → group); each has a grant and a revoke kind. */
export interface Relation {
  id: 'membership' | 'app_user' | 'app_group';
  resource: 'group' | 'app';
  member: 'user' | 'group';
  /** The Okta rate-limit bucket its writes spend (lib/okta/buckets.ts), which paces a bulk job of the relation. */
  bucket: 'groups' | 'apps';
  /** The audit's first target: the user for a membership ("dana in prod-admins"), the app for an assignment. */
  memberFirst: boolean;
  /**
   * Why Okta refuses every change of this relation on this resource (said before any call), or null. `facts` are
   * what the caller read besides the resource; a refusal that needs a fact not given is not said.
   */
  refusal(resource: OktaGroup | OktaApp, facts?: RefusalFacts): string | null;
  /**
   * Who holds the relation, listed from the resource page by page, or read for one member: a bulk job's preview,
   * and whether a time-bound grant's access existed before it.
   */
  holders?: {
    pageSize: number;
    list(
      okta: OktaClient,
      resourceId: string,
      page: { pageSize: number; maxItems: number },
    ): AsyncIterable<{
      id: string;
      holding: Holding;
    }>;
    read(okta: OktaClient, resourceId: string, memberId: string): Promise<Holding>;
  };
}

/** Words of an outcome, given the member's and the resource's labels. */
export type Say = (member: string, resource: string, extra: { priority?: number; via?: string }) => string;

export interface AccessKind {
  /** Also the audit action and the API's and actions' gate name. */
  id: string;
  relation: Relation;
  /** A grant adds access; a revoke takes it away (asked to confirm, shown as destructive). */
  grants: boolean;
  /** The kind that undoes this one. */
  reverse: string;
  /** Offered as a bulk job (its relation lists holders for the preview). */
  bulk: boolean;
  /** Short label: buttons, the jobs list, the audit filter. */
  label: string;
  /** The outcome of a write that changed Okta, and of one that found Okta already so. */
  changed: ChangedOutcome;
  already: AlreadyOutcome;
  /** A sentence for each outcome this kind's write can report. */
  say: Partial<Record<WriteOutcome, Say>>;
  /** A bulk row already in the target state at preview: its message and the preview's heading for them. */
  skipped: { message: string; heading: string };
  /** Bulk job headings: with a count (`users` is e.g. "12 users"), and without. */
  job: (users: string, resource: string) => string;
  title: (resource: string) => string;
  /**
   * Time-bound grants (the kinds that give access): the words of a grant and of an end that takes nothing back.
   * The end itself is the `reverse` kind's write, audited under its id, like a manual change.
   */
  timeBound?: {
    /** The access a grant gives, in a few words: "dana in prod-admins", "Salesforce for dana". */
    what: (member: string, resource: string) => string;
    /** The end of a grant whose access existed before it: nothing is removed. */
    kept: (member: string, resource: string) => string;
  };
  /**
   * The Okta call. `precheck: false` (bulk rows, state read at preview) writes without reading first; Okta's
   * writes here are safe to repeat, so a row run twice lands once.
   */
  write(
    okta: OktaClient,
    input: ChangeInput,
    opts: { precheck: boolean },
  ): Promise<{ outcome: WriteOutcome; requestId?: string }>;
}

/** Keeps each kind's literal id, `bulk` and `reverse` in its type, so the registry can derive unions from them. */
export const defineKind = <const K extends AccessKind>(kind: K): K => kind;
