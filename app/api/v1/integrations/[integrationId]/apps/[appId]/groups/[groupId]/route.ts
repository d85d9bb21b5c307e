import { changeRoute, grantRoute } from '@/lib/api/v1/change-route';
import { appGroupParams, assignGroupBody } from '@/lib/api/v1/schemas';

/**
 * Assigns the app to the group, with an optional priority (body `{"priority": 0–100}`); with `expiresAt` and
 * `reason`, until then (a time-bound grant).
 */
export const PUT = grantRoute('app.assign_group', appGroupParams, assignGroupBody);

/** Unassigns the app from the group. */
export const DELETE = changeRoute('app.unassign_group', appGroupParams);
