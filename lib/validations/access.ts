import { z } from 'zod';
import { requireReason, timeBoundFields } from './grants';
import { integrationId } from './setup';

// Okta object ids are 20 base62 characters with a type prefix (00u users, 00g groups, 0oa apps).
const oktaId = (what: string, prefix: string) =>
  z
    .string()
    .trim()
    .regex(
      new RegExp(`^${prefix}[A-Za-z0-9]{17}$`),
      `Choose ${what === 'app' ? 'an' : 'a'} ${what} (an Okta ${what} id starts with ${prefix})`,
    );

/** The type prefix of each kind of Okta object id. */
export const OKTA_ID_PREFIX = { user: '00u', group: '00g', app: '0oa' } as const;

export const userId = oktaId('user', OKTA_ID_PREFIX.user);
export const groupId = oktaId('group', OKTA_ID_PREFIX.group);
export const appId = oktaId('app', OKTA_ID_PREFIX.app);
/** The id schema of each end type, for inputs whose type depends on the kind (a bulk job's target). */
export const OKTA_ID = { user: userId, group: groupId, app: appId };

export const membershipSchema = z.object({ integrationId, userId, groupId });
export const appUserSchema = z.object({ integrationId, appId, userId });
export const appGroupSchema = z.object({
  integrationId,
  appId,
  groupId,
  priority: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce
      .number()
      .int('Priority is a whole number')
      .min(0, 'Priority starts at 0')
      .max(100, 'Priority is at most 100')
      .optional(),
  ),
});
export const appGroupRefSchema = z.object({ integrationId, appId, groupId });

// The changes that give access, as their forms send them: permanent, or until `expiresAt` with a reason.
export const grantMembershipSchema = membershipSchema.extend(timeBoundFields).superRefine(requireReason);
export const grantAppUserSchema = appUserSchema.extend(timeBoundFields).superRefine(requireReason);
export const grantAppGroupSchema = appGroupSchema.extend(timeBoundFields).superRefine(requireReason);
