import { requirePermission } from '../auth/permissions';
import { type HttpError, notFound, oktaError } from '../core/errors';
import type { Reply, RequestContext, Route } from '../http/types';
import { CHOICES } from '../unconfirmed';
import { appUserBody, parseBody } from './body';
import { loadApp } from './load';
import { appUserJson } from './serialize';

// Sign-on modes whose users carry no credentials (SSO only): user-level credentials are refused.
const SSO_ONLY = new Set(['BOOKMARK', 'SAML_2_0', 'SAML_1_1', 'OPENID_CONNECT', 'WS_FEDERATION']);

/** POST /api/v1/apps/{appId}/users — okta.apps.manage; a direct (USER scope) assignment. */
function assignUserToApplication(ctx: RequestContext, userIdFromPath?: string): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.assign');
  const body = parseBody(ctx, userIdFromPath ? appUserBody.partial({ id: true }) : appUserBody);
  const userId = userIdFromPath ?? body.id!;
  const user = dir.users.get(userId);
  if (!user) throw notFound(userId, 'User');
  requireUserSide(ctx, userId);
  if (user.status === 'DEPROVISIONED') throw oktaError('E0000117');
  if (body.credentials?.password && SSO_ONLY.has(app.signOnMode)) {
    throw oktaError('E0000041', undefined, ['User level credentials should not be provided for this scheme.']);
  }
  const already = dir.assignments.get(app.id)!.direct.has(userId);
  if (already && !userIdFromPath && !CHOICES.reassignUserIsOk) throw oktaError('E0000062');
  if (userIdFromPath && !dir.appUserScope(app.id, userId)) throw appUserNotFound(userId);
  dir.assignUser(
    app.id,
    userId,
    {
      ...(body.credentials?.userName ? { userName: body.credentials.userName } : {}),
      ...(body.profile ? { profile: body.profile } : {}),
    },
    ctx.state.now(),
  );
  return { status: 200, body: appUserJson(ctx.origin, dir, app.id, userId, false) };
}

/** The user side of an assignment: `okta.users.appAssignment.manage` for a custom role (notes §2.3). */
function requireUserSide(ctx: RequestContext, userId: string): void {
  requirePermission(ctx.state.dir, ctx.auth!.client, 'users.appAssignment', { kind: 'user', id: userId });
}

function appUserNotFound(userId: string): HttpError {
  return oktaError('E0000007', `Resource not found: ${userId} (AppUser)`);
}

/** GET /api/v1/apps/{appId}/users/{userId} — okta.apps.read */
function getApplicationUser(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.read');
  const userId = ctx.params.userId!;
  if (!dir.users.has(userId)) throw notFound(userId, 'User');
  if (!dir.appUserScope(app.id, userId)) throw appUserNotFound(userId);
  return { status: 200, body: appUserJson(ctx.origin, dir, app.id, userId, ctx.query.get('expand') === 'user') };
}

/**
 * DELETE /api/v1/apps/{appId}/users/{userId} — okta.apps.manage. A user whose group memberships grant
 * the app can't be unassigned: 403 E0000046 (terraform-provider-okta #120, teleport #53947).
 */
function unassignUserFromApplication(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.assign');
  const userId = ctx.params.userId!;
  if (!dir.users.has(userId)) throw notFound(userId, 'User');
  requireUserSide(ctx, userId);
  const a = dir.assignments.get(app.id)!;
  if (a.derived.get(userId)) {
    throw oktaError('E0000046', undefined, [
      'The application cannot be unassigned from the user while their group memberships grant them access',
    ]);
  }
  if (!dir.unassignUser(app.id, userId) && CHOICES.unassignMissingAppUserIs404) throw appUserNotFound(userId);
  return { status: 204 };
}

export const appUserRoutes: Route[] = [
  {
    method: 'POST',
    template: '/api/v1/apps/:appId/users',
    op: 'assignUserToApplication',
    scope: 'okta.apps.manage',
    handler: (ctx) => assignUserToApplication(ctx),
  },
  {
    method: 'GET',
    template: '/api/v1/apps/:appId/users/:userId',
    op: 'getApplicationUser',
    scope: 'okta.apps.read',
    handler: getApplicationUser,
  },
  {
    method: 'POST',
    template: '/api/v1/apps/:appId/users/:userId',
    op: 'updateApplicationUser',
    scope: 'okta.apps.manage',
    handler: (ctx) => assignUserToApplication(ctx, ctx.params.userId),
  },
  {
    method: 'DELETE',
    template: '/api/v1/apps/:appId/users/:userId',
    op: 'unassignUserFromApplication',
    scope: 'okta.apps.manage',
    handler: unassignUserFromApplication,
  },
];
