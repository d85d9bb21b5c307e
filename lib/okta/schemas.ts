import { z } from 'zod';

/**
 * Okta response shapes, validated loosely (Okta adds fields all the time) and mapped into the small DTOs
 * the rest of the console uses. Nullable where Okta's spec says so.
 */

const str = z.string();
const optStr = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const userSchema = z
  .object({
    id: str,
    status: str,
    created: optStr,
    lastUpdated: optStr,
    lastLogin: optStr,
    statusChanged: optStr,
    profile: z.object({
      login: str,
      email: optStr,
      firstName: optStr,
      lastName: optStr,
      displayName: optStr,
    }),
  })
  .transform((u) => ({
    id: u.id,
    status: u.status,
    login: u.profile.login,
    email: u.profile.email,
    firstName: u.profile.firstName,
    lastName: u.profile.lastName,
    displayName: u.profile.displayName,
    created: u.created,
    lastUpdated: u.lastUpdated,
    lastLogin: u.lastLogin,
    statusChanged: u.statusChanged,
  }));
export type OktaUser = z.output<typeof userSchema>;

const groupObject = z.object({
  id: str,
  type: str,
  created: optStr,
  lastUpdated: optStr,
  lastMembershipUpdated: optStr,
  profile: z.object({ name: str, description: optStr }),
});
const toGroup = (g: z.output<typeof groupObject>) => ({
  id: g.id,
  type: g.type,
  name: g.profile.name,
  description: g.profile.description,
  created: g.created,
  lastUpdated: g.lastUpdated,
  lastMembershipUpdated: g.lastMembershipUpdated,
});
export const groupSchema = groupObject.transform(toGroup);
export type OktaGroup = z.output<typeof groupSchema>;

/** A group listed with `expand=stats` (spec Group._embedded.stats): counts without paging through members. */
export const groupStatsSchema = z
  .object({
    id: str,
    _embedded: z.object({
      stats: z.object({
        usersCount: z.number().int(),
        appsCount: z.number().int().nullish(),
        hasAdminPrivlege: z.boolean().nullish(),
      }),
    }),
  })
  .transform((g) => ({
    groupId: g.id,
    usersCount: g._embedded.stats.usersCount,
    appsCount: g._embedded.stats.appsCount ?? undefined,
    /** Okta's `hasAdminPrivlege` [sic]: the group holds an admin role, so only a Super Administrator may change it. */
    hasAdminPrivilege: g._embedded.stats.hasAdminPrivlege ?? false,
  }));
export type OktaGroupStats = z.output<typeof groupStatsSchema>;

/** A group of a list read with `expand=stats`: the group with its counts and admin-role flag (undefined without stats). */
export const listedGroupSchema = groupObject
  .extend({
    _embedded: z
      .object({
        stats: z
          .object({
            usersCount: z.number().int().nullish(),
            appsCount: z.number().int().nullish(),
            hasAdminPrivlege: z.boolean().nullish(),
          })
          .nullish(),
      })
      .nullish(),
  })
  .transform((g) => ({
    ...toGroup(g),
    usersCount: g._embedded?.stats?.usersCount ?? undefined,
    appsCount: g._embedded?.stats?.appsCount ?? undefined,
    /** Okta's `hasAdminPrivlege` [sic]: the group holds an admin role (only a Super Administrator may change it). */
    hasAdminPrivilege: g._embedded?.stats?.hasAdminPrivlege ?? undefined,
  }));
export type OktaListedGroup = z.output<typeof listedGroupSchema>;

export const appSchema = z
  .object({
    id: str,
    name: optStr,
    label: str,
    status: str,
    signOnMode: optStr,
    created: optStr,
    lastUpdated: optStr,
  })
  .transform((a) => ({ ...a }));
export type OktaApp = z.output<typeof appSchema>;

export const appUserSchema = z
  .object({
    id: str,
    scope: z.enum(['USER', 'GROUP']).or(z.string()),
    status: optStr,
    syncState: optStr,
    created: optStr,
    lastUpdated: optStr,
    credentials: z.object({ userName: optStr }).nullish(),
  })
  .transform((a) => ({
    userId: a.id,
    scope: a.scope,
    status: a.status,
    syncState: a.syncState,
    userName: a.credentials?.userName,
    created: a.created,
    lastUpdated: a.lastUpdated,
  }));
export type OktaAppUser = z.output<typeof appUserSchema>;

/** An AppUser read with `expand=user`: the assignment with the Okta user it belongs to (name, login). */
export const appUserWithUserSchema = z
  .object({ _embedded: z.object({ user: userSchema }).nullish() })
  .and(appUserSchema)
  .transform(({ _embedded, ...a }) => ({ ...a, user: _embedded?.user ?? undefined }));
export type OktaAppUserWithUser = z.output<typeof appUserWithUserSchema>;

/** An app listed with `filter=user.id eq` and `expand=user/{id}`: the app plus that user's AppUser (its `scope`). */
export const userAppSchema = z
  .object({ id: str, label: str, name: optStr, status: str, _embedded: z.object({ user: appUserSchema }).nullish() })
  .transform((a) => ({ appId: a.id, label: a.label, name: a.name, status: a.status, appUser: a._embedded?.user }));
export type OktaUserApp = z.output<typeof userAppSchema>;

export const appGroupSchema = z
  .object({ id: str, priority: z.number().nullish(), lastUpdated: optStr })
  .transform((g) => ({ groupId: g.id, priority: g.priority ?? undefined, lastUpdated: g.lastUpdated }));
export type OktaAppGroupAssignment = z.output<typeof appGroupSchema>;

export const appLinkSchema = z
  .object({
    appInstanceId: str,
    appName: optStr,
    label: str,
    linkUrl: optStr,
    appAssignmentId: optStr,
    hidden: z.boolean().nullish(),
  })
  .transform((l) => ({ ...l, hidden: l.hidden ?? false }));
export type OktaAppLink = z.output<typeof appLinkSchema>;

/** A group rule (GET /api/v1/groups/rules): the groups it adds users to, and the users it excludes. */
export const groupRuleSchema = z
  .object({
    id: str,
    name: str,
    status: str,
    conditions: z
      .object({ people: z.object({ users: z.object({ exclude: z.array(str).nullish() }).nullish() }).nullish() })
      .nullish(),
    actions: z.object({ assignUserToGroups: z.object({ groupIds: z.array(str).nullish() }).nullish() }).nullish(),
  })
  .transform((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    targetGroupIds: r.actions?.assignUserToGroups?.groupIds ?? [],
    excludedUserIds: r.conditions?.people?.users?.exclude ?? [],
  }));
export type OktaGroupRule = z.output<typeof groupRuleSchema>;
