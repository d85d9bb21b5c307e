import type { WebClient } from '../oidc/store';
import type { IdFactory } from './ids';
import { SortedIds } from './sorted-ids';
import type {
  AppGroupRecord,
  AppRecord,
  AppUserRecord,
  CustomRoleRecord,
  GroupRecord,
  GroupRuleRecord,
  ResourceSetRecord,
  ServiceClient,
  UserProfile,
  UserRecord,
  UserStatus,
} from './types';

/** What set a change off, besides the acting request: a group rule, or a group the app is assigned to. */
export interface ChangeCause {
  ruleId?: string;
  viaGroupId?: string;
}

/** Told of every membership and assignment change as it happens (the org's System Log listens here). */
export interface ChangeJournal {
  membership(op: 'add' | 'remove', groupId: string, userId: string, cause: ChangeCause): void;
  appUser(op: 'add' | 'remove', appId: string, userId: string, cause: ChangeCause): void;
  groupApp(op: 'add' | 'remove', appId: string, groupId: string): void;
  ruleExclusion(ruleId: string, groupId: string, userId: string): void;
}

/** Per-app assignment state: direct (USER) assignments, group assignments and the derived union. */
export interface AppAssignments {
  direct: Map<string, AppUserRecord>;
  groups: Map<string, AppGroupRecord>;
  /** userId → number of assigned groups the user belongs to. */
  derived: Map<string, number>;
  /** Every user who has the app, directly or through a group; sorted for paging. */
  effective: SortedIds;
}

/**
 * The org's directory: users, groups, apps, memberships and assignments, all indexed so that lists page
 * from sorted id arrays. Holds no policy: Okta's refusals live in the API layer.
 */
export class Directory {
  readonly users = new Map<string, UserRecord>();
  readonly userIds = new SortedIds();
  readonly loginIndex = new Map<string, string>();
  readonly groups = new Map<string, GroupRecord>();
  readonly groupIds = new SortedIds();
  readonly members = new Map<string, SortedIds>();
  readonly userGroups = new Map<string, Set<string>>();
  readonly apps = new Map<string, AppRecord>();
  readonly appIds = new SortedIds();
  readonly assignments = new Map<string, AppAssignments>();
  readonly groupApps = new Map<string, Set<string>>();
  readonly clients = new Map<string, ServiceClient>();
  /** OIDC Web apps (sign-in clients), by client id = app id. */
  readonly webClients = new Map<string, WebClient>();
  readonly customRoles = new Map<string, CustomRoleRecord>();
  readonly resourceSets = new Map<string, ResourceSetRecord>();
  readonly rules = new Map<string, GroupRuleRecord>();
  readonly ruleIds = new SortedIds();
  /**
   * groupId → userId → the rules that manage the membership (the Admin Console's "By rule ABC"). A membership
   * without an entry is managed manually. Only rule-touched memberships have entries, so seeds cost nothing.
   */
  readonly ruleSources = new Map<string, Map<string, Set<string>>>();
  everyoneId = '';
  /** Null while seeding: a seed is the org's past, older than any log. */
  journal: ChangeJournal | null = null;
  private cause: ChangeCause = {};

  constructor(
    readonly ids: IdFactory,
    readonly now: () => number,
  ) {}

  createUser(profile: UserProfile, status: UserStatus = 'ACTIVE', at = this.now()): UserRecord {
    const id = this.ids.next('00u');
    const active = status !== 'STAGED';
    const user: UserRecord = {
      id,
      status,
      created: at,
      activated: active ? at : null,
      statusChanged: active ? at : null,
      lastLogin: null,
      lastUpdated: at,
      passwordChanged: active ? at : null,
      profile,
    };
    this.users.set(id, user);
    this.userIds.add(id);
    this.loginIndex.set(profile.login.toLowerCase(), id);
    this.userGroups.set(id, new Set());
    if (this.everyoneId) this.addMember(this.everyoneId, id, at);
    return user;
  }

  /** Okta's `{id}` accepts an id, a login or an unambiguous login shortname. */
  findUser(idOrLogin: string): UserRecord | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) return byId;
    const lower = idOrLogin.toLowerCase();
    const byLogin = this.loginIndex.get(lower);
    if (byLogin) return this.users.get(byLogin);
    if (lower.includes('@')) return undefined;
    let found: string | undefined;
    for (const [login, id] of this.loginIndex) {
      if (login.split('@')[0] !== lower) continue;
      if (found) return undefined; // ambiguous shortname
      found = id;
    }
    return found ? this.users.get(found) : undefined;
  }

  createGroup(
    input: { name: string; description?: string | null; type?: GroupRecord['type']; sourceAppId?: string },
    at = this.now(),
  ): GroupRecord {
    const group: GroupRecord = {
      id: this.ids.next('00g'),
      type: input.type ?? 'OKTA_GROUP',
      created: at,
      lastUpdated: at,
      lastMembershipUpdated: at,
      profile: { name: input.name, description: input.description ?? null },
      ...(input.sourceAppId ? { sourceAppId: input.sourceAppId } : {}),
    };
    this.groups.set(group.id, group);
    this.groupIds.add(group.id);
    this.members.set(group.id, new SortedIds());
    this.groupApps.set(group.id, new Set());
    if (group.type === 'BUILT_IN' && input.name === 'Everyone') {
      this.everyoneId = group.id;
      for (const userId of this.userIds.values()) this.addMember(group.id, userId, at);
    }
    return group;
  }

  createApp(
    input: {
      name: string;
      label: string;
      signOnMode: AppRecord['signOnMode'];
      status?: AppRecord['status'];
      service?: boolean;
    },
    at = this.now(),
  ): AppRecord {
    const app: AppRecord = {
      id: this.ids.next('0oa'),
      name: input.name,
      label: input.label,
      status: input.status ?? 'ACTIVE',
      signOnMode: input.signOnMode,
      created: at,
      lastUpdated: at,
      ...(input.service ? { service: true } : {}),
    };
    this.apps.set(app.id, app);
    this.appIds.add(app.id);
    this.assignments.set(app.id, {
      direct: new Map(),
      groups: new Map(),
      derived: new Map(),
      effective: new SortedIds(),
    });
    return app;
  }

  /** Returns false when the user already was a member. */
  addMember(groupId: string, userId: string, at = this.now()): boolean {
    const set = this.members.get(groupId);
    if (!set || !set.add(userId)) return false;
    this.userGroups.get(userId)?.add(groupId);
    const group = this.groups.get(groupId);
    if (group) group.lastMembershipUpdated = at;
    this.journal?.membership('add', groupId, userId, this.cause);
    for (const appId of this.groupApps.get(groupId) ?? []) this.deriveAdd(appId, userId, groupId);
    return true;
  }

  removeMember(groupId: string, userId: string, at = this.now()): boolean {
    const set = this.members.get(groupId);
    if (!set || !set.delete(userId)) return false;
    this.ruleSources.get(groupId)?.delete(userId);
    this.userGroups.get(userId)?.delete(groupId);
    const group = this.groups.get(groupId);
    if (group) group.lastMembershipUpdated = at;
    this.journal?.membership('remove', groupId, userId, this.cause);
    for (const appId of this.groupApps.get(groupId) ?? []) this.deriveRemove(appId, userId, groupId);
    return true;
  }

  /** The rules managing a membership (empty when it is managed manually or doesn't exist). */
  ruleIdsOf(groupId: string, userId: string): string[] {
    return [...(this.ruleSources.get(groupId)?.get(userId) ?? [])].sort();
  }

  /**
   * A rule adds the user, or takes over an existing membership ("If … the manually managed user meets the
   * new rule's conditions, that user becomes managed By rule ABC", Okta help). True when the user joined.
   */
  addRuleMember(groupId: string, userId: string, ruleId: string, at = this.now()): boolean {
    const joined = this.withCause({ ruleId }, () => this.addMember(groupId, userId, at));
    let byUser = this.ruleSources.get(groupId);
    if (!byUser) this.ruleSources.set(groupId, (byUser = new Map<string, Set<string>>()));
    let rules = byUser.get(userId);
    if (!rules) byUser.set(userId, (rules = new Set<string>()));
    rules.add(ruleId);
    return joined;
  }

  /**
   * A rule lets go of a membership it manages. With `remove`, a user no other rule manages leaves the group;
   * without, the membership stays (managed manually from then on). True when the user left.
   */
  releaseRuleMember(groupId: string, userId: string, ruleId: string, remove: boolean, at = this.now()): boolean {
    const byUser = this.ruleSources.get(groupId);
    const rules = byUser?.get(userId);
    if (!rules?.delete(ruleId) || rules.size > 0) return false;
    byUser!.delete(userId);
    return remove && this.withCause({ ruleId }, () => this.removeMember(groupId, userId, at));
  }

  /** Deletes a group with its memberships and app assignments (rules that target it are the caller's job). */
  deleteGroup(groupId: string): boolean {
    if (!this.groups.has(groupId)) return false;
    for (const appId of [...(this.groupApps.get(groupId) ?? [])]) this.unassignGroup(appId, groupId);
    for (const userId of this.members.get(groupId)?.values() ?? []) this.userGroups.get(userId)?.delete(groupId);
    this.members.delete(groupId);
    this.groupApps.delete(groupId);
    this.ruleSources.delete(groupId);
    this.groups.delete(groupId);
    this.groupIds.delete(groupId);
    return true;
  }

  assignUser(
    appId: string,
    userId: string,
    input: { userName?: string; profile?: Record<string, unknown> } = {},
    at = this.now(),
  ): AppUserRecord {
    const a = this.assignments.get(appId)!;
    const existing = a.direct.get(userId);
    const record: AppUserRecord = {
      userId,
      created: existing?.created ?? at,
      lastUpdated: at,
      userName: input.userName ?? existing?.userName ?? this.users.get(userId)?.profile.login ?? userId,
      profile: input.profile ?? existing?.profile ?? {},
    };
    a.direct.set(userId, record);
    a.effective.add(userId);
    // A new direct assignment is logged even when a group already granted the app (its scope becomes USER).
    if (!existing) this.journal?.appUser('add', appId, userId, this.cause);
    return record;
  }

  unassignUser(appId: string, userId: string): boolean {
    const a = this.assignments.get(appId)!;
    if (!a.direct.delete(userId)) return false;
    if (!a.derived.get(userId)) a.effective.delete(userId);
    this.journal?.appUser('remove', appId, userId, this.cause);
    return true;
  }

  assignGroup(
    appId: string,
    groupId: string,
    input: { priority?: number; profile?: Record<string, unknown> } = {},
    at = this.now(),
  ): AppGroupRecord {
    const a = this.assignments.get(appId)!;
    const existing = a.groups.get(groupId);
    const nextPriority = a.groups.size === 0 ? 0 : Math.max(...[...a.groups.values()].map((g) => g.priority)) + 1;
    const record: AppGroupRecord = {
      groupId,
      lastUpdated: at,
      priority: input.priority ?? existing?.priority ?? nextPriority,
      profile: input.profile ?? existing?.profile ?? {},
    };
    a.groups.set(groupId, record);
    if (!existing) {
      this.groupApps.get(groupId)?.add(appId);
      this.journal?.groupApp('add', appId, groupId);
      for (const userId of this.members.get(groupId)?.values() ?? []) this.deriveAdd(appId, userId, groupId);
    }
    return record;
  }

  unassignGroup(appId: string, groupId: string): boolean {
    const a = this.assignments.get(appId)!;
    if (!a.groups.delete(groupId)) return false;
    this.groupApps.get(groupId)?.delete(appId);
    this.journal?.groupApp('remove', appId, groupId);
    for (const userId of [...(this.members.get(groupId)?.values() ?? [])]) this.deriveRemove(appId, userId, groupId);
    return true;
  }

  /** Okta's `{roleIdOrLabel}` / `{resourceSetIdOrLabel}`: an id or the (unique) label. */
  findCustomRole(idOrLabel: string): CustomRoleRecord | undefined {
    return this.customRoles.get(idOrLabel) ?? [...this.customRoles.values()].find((r) => r.label === idOrLabel);
  }

  findResourceSet(idOrLabel: string): ResourceSetRecord | undefined {
    return this.resourceSets.get(idOrLabel) ?? [...this.resourceSets.values()].find((r) => r.label === idOrLabel);
  }

  /** USER when directly assigned, GROUP when only a group grants the app, null when not assigned. */
  appUserScope(appId: string, userId: string): 'USER' | 'GROUP' | null {
    const a = this.assignments.get(appId);
    if (!a) return null;
    if (a.direct.has(userId)) return 'USER';
    return a.derived.get(userId) ? 'GROUP' : null;
  }

  /** Runs `fn` with `more` added to the cause of the changes it makes. */
  withCause<T>(more: ChangeCause, fn: () => T): T {
    const outer = this.cause;
    this.cause = { ...outer, ...more };
    try {
      return fn();
    } finally {
      this.cause = outer;
    }
  }

  // A user who gains or loses the app through a group: Okta logs the AppUser change as a JOB of that group.
  private deriveAdd(appId: string, userId: string, groupId: string): void {
    const a = this.assignments.get(appId)!;
    a.derived.set(userId, (a.derived.get(userId) ?? 0) + 1);
    if (a.effective.add(userId)) this.journal?.appUser('add', appId, userId, { ...this.cause, viaGroupId: groupId });
  }

  private deriveRemove(appId: string, userId: string, groupId: string): void {
    const a = this.assignments.get(appId)!;
    const n = (a.derived.get(userId) ?? 0) - 1;
    if (n > 0) {
      a.derived.set(userId, n);
      return;
    }
    a.derived.delete(userId);
    if (!a.direct.has(userId) && a.effective.delete(userId))
      this.journal?.appUser('remove', appId, userId, { ...this.cause, viaGroupId: groupId });
  }
}
