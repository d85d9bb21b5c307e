import { HttpError } from '../core/errors';
import {
  addMemberByAdmin,
  applyRulesToUser,
  deleteGroupAndInvalidateRules,
  removeMemberByAdmin,
} from '../core/group-rules';
import type { AppRecord, AppStatus, GroupRecord, UserProfile, UserStatus } from '../core/types';
import { adminConsoleContext, runAs } from '../log/context';
import type { SimState } from '../state';

export const fail = (message: string, status = 404) => new HttpError(status, { error: message });

/**
 * Directory helpers for tests and the demo: create users/groups/apps and change memberships and
 * assignments without going through Okta's API rules. Returned records are the stored ones (dates in
 * epoch ms), not Okta JSON. Changes act like an admin in the Admin Console: they run the org's group rules
 * (a new or changed user, a membership change), removing a rule-managed member excludes them from the rule, and
 * the System Log records them with that admin as the actor (log/context.ts CONSOLE_ADMIN).
 */
export class DirectoryControl {
  constructor(protected readonly state: SimState) {}

  protected get dir() {
    return this.state.dir;
  }

  /** Runs a change as the Admin Console's admin, so its System Log events share one WEB transaction. */
  protected asAdmin<T>(page: string, fn: () => T): T {
    return runAs(adminConsoleContext(page), fn);
  }

  createUser(profile: Partial<UserProfile> & { login: string }, status: UserStatus = 'ACTIVE') {
    if (this.dir.loginIndex.has(profile.login.toLowerCase()))
      throw fail('login: An object with this field already exists in the current organization', 400);
    const full: UserProfile = { firstName: null, lastName: null, email: profile.login, ...profile };
    return this.asAdmin('/admin/users/new', () => {
      const user = this.dir.createUser(full, status);
      applyRulesToUser(this.dir, user.id);
      return structuredClone(user);
    });
  }

  /**
   * Changes profile attributes (merged into the profile; null clears one) and/or the status, as an import
   * or an admin would. A profile change of an ACTIVE user, or a reactivation, runs the group rules for them;
   * leaving ACTIVE does not (a deactivated user stays in rule groups, KB-DEACT).
   */
  updateUser(userId: string, change: { profile?: Partial<UserProfile>; status?: UserStatus }) {
    const user = this.dir.users.get(userId);
    if (!user) throw fail(`unknown user ${userId}`);
    const now = this.state.now();
    const login = change.profile?.login;
    if (login !== undefined && login.toLowerCase() !== user.profile.login.toLowerCase()) {
      if (this.dir.loginIndex.has(login.toLowerCase()))
        throw fail('login: An object with this field already exists in the current organization', 400);
      this.dir.loginIndex.delete(user.profile.login.toLowerCase());
      this.dir.loginIndex.set(login.toLowerCase(), user.id);
    }
    if (change.profile) user.profile = { ...user.profile, ...change.profile };
    const wasActive = user.status === 'ACTIVE';
    if (change.status && change.status !== user.status) {
      user.status = change.status;
      user.statusChanged = now;
      if (change.status === 'ACTIVE') user.activated ??= now;
    }
    user.lastUpdated = now;
    if (user.status === 'ACTIVE' && (change.profile || !wasActive))
      this.asAdmin(`/admin/user/profile/view/${user.id}`, () => applyRulesToUser(this.dir, user.id, now));
    return structuredClone(user);
  }

  createGroup(input: { name: string; description?: string; type?: GroupRecord['type'] }) {
    return structuredClone(this.dir.createGroup(input));
  }

  createApp(input: { label: string; signOnMode: AppRecord['signOnMode']; status?: AppStatus; name?: string }) {
    const name =
      input.name ??
      (input.signOnMode === 'BOOKMARK'
        ? 'bookmark'
        : input.signOnMode === 'OPENID_CONNECT'
          ? 'oidc_client'
          : input.label.toLowerCase().replace(/\W+/g, '_'));
    return structuredClone(this.dir.createApp({ ...input, name }));
  }

  addMember(groupId: string, userId: string): void {
    this.mustExist(groupId, userId);
    this.asAdmin(`/admin/group/${groupId}`, () => addMemberByAdmin(this.dir, groupId, userId));
  }

  removeMember(groupId: string, userId: string): void {
    this.mustExist(groupId, userId);
    this.asAdmin(`/admin/group/${groupId}`, () => removeMemberByAdmin(this.dir, groupId, userId));
  }

  /** Deletes a group (not Everyone) with its memberships and app assignments; rules that assign to it become INVALID. */
  deleteGroup(groupId: string): void {
    const group = this.dir.groups.get(groupId);
    if (!group) throw fail(`unknown group ${groupId}`);
    if (group.type === 'BUILT_IN') throw fail('a BUILT_IN group cannot be deleted', 400);
    this.asAdmin(`/admin/group/${groupId}`, () => deleteGroupAndInvalidateRules(this.dir, groupId, this.state.now()));
  }

  /** The rules managing a membership ("By rule ABC" in the Admin Console); [] when managed manually. */
  getMembershipRuleIds(groupId: string, userId: string): string[] {
    return this.dir.ruleIdsOf(groupId, userId);
  }

  assignAppToUser(
    appId: string,
    userId: string,
    input: { userName?: string; profile?: Record<string, unknown> } = {},
  ): void {
    if (!this.dir.apps.has(appId) || !this.dir.users.has(userId)) throw fail('unknown app or user');
    this.asAdmin(`/admin/app/${appId}/people`, () => this.dir.assignUser(appId, userId, input));
  }

  assignAppToGroup(appId: string, groupId: string, input: { priority?: number } = {}): void {
    if (!this.dir.apps.has(appId) || !this.dir.groups.has(groupId)) throw fail('unknown app or group');
    this.asAdmin(`/admin/app/${appId}/groups`, () => this.dir.assignGroup(appId, groupId, input));
  }

  /** Removes a direct assignment; like the Admin Console, not while a group grants the app (400). */
  unassignAppFromUser(appId: string, userId: string): void {
    const a = this.dir.assignments.get(appId);
    if (!a || !this.dir.users.has(userId)) throw fail('unknown app or user');
    if (a.derived.get(userId)) throw fail('a group grants this app; unassign the group instead', 400);
    if (!a.direct.has(userId)) throw fail('the user is not assigned to the app');
    this.asAdmin(`/admin/app/${appId}/people`, () => this.dir.unassignUser(appId, userId));
  }

  unassignAppFromGroup(appId: string, groupId: string): void {
    if (!this.dir.assignments.get(appId)?.groups.has(groupId)) throw fail('the group is not assigned to the app');
    this.asAdmin(`/admin/app/${appId}/groups`, () => this.dir.unassignGroup(appId, groupId));
  }

  getGroupMemberIds(groupId: string): string[] {
    return [...(this.dir.members.get(groupId)?.values() ?? [])];
  }

  getUserGroupIds(userId: string): string[] {
    return [...(this.dir.userGroups.get(userId) ?? [])].sort();
  }

  /** The assignment as the API would describe it, or null when the user doesn't have the app. */
  getAppUser(appId: string, userId: string): { scope: 'USER' | 'GROUP' } | null {
    const scope = this.dir.appUserScope(appId, userId);
    return scope ? { scope } : null;
  }

  getAppGroupIds(appId: string): string[] {
    return [...(this.dir.assignments.get(appId)?.groups.keys() ?? [])].sort();
  }

  /** Ids in list order, handy for pagination assertions. */
  listIds(kind: 'users' | 'groups' | 'apps'): string[] {
    const index = kind === 'users' ? this.dir.userIds : kind === 'groups' ? this.dir.groupIds : this.dir.appIds;
    return [...index.values()];
  }

  findGroupByName(name: string): GroupRecord | undefined {
    for (const g of this.dir.groups.values()) if (g.profile.name === name) return structuredClone(g);
    return undefined;
  }

  /** A user by login (or id), as Okta's `/users/{login}` finds them. */
  findUserByLogin(login: string) {
    const user = this.dir.findUser(login);
    return user ? structuredClone(user) : undefined;
  }

  getUserStatus(userId: string): UserStatus | undefined {
    return this.dir.users.get(userId)?.status;
  }

  get everyoneGroupId(): string {
    return this.dir.everyoneId;
  }

  private mustExist(groupId: string, userId: string): void {
    if (!this.dir.groups.has(groupId)) throw fail(`unknown group ${groupId}`);
    if (!this.dir.users.has(userId)) throw fail(`unknown user ${userId}`);
  }
}
