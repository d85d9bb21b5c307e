import type { AddressInfo } from 'node:net';
import { appRoutes } from './api/apps';
import { clientRoleTargetRoutes } from './api/client-role-targets';
import { clientRoleRoutes } from './api/client-roles';
import { groupRuleRoutes } from './api/group-rules';
import { groupRoutes } from './api/groups';
import { iamRoutes } from './api/iam';
import { logRoutes } from './api/logs';
import { userRoutes } from './api/users';
import { metadataRoute } from './auth/metadata';
import { tokenEndpoint } from './auth/token-endpoint';
import { SimControl } from './control/control';
import { controlHandler } from './control/routes';
import type { RateLimitSetting } from './http/rate-limit';
import { Router } from './http/router';
import { createSimServer } from './http/server';
import { authorizeRoutes } from './oidc/authorize';
import { sessionRoutes } from './oidc/session-routes';
import { SEED_PRESETS, type SeedName, type SeedOptions } from './seed/generate';
import { SimState } from './state';

export type { RoleInput, ServiceAppInput, SimControl } from './control/control';
export type { CustomRoleInput, ResourceSetInput } from './control/iam-control';
export type { GroupRuleInput } from './control/rule-control';
export type { WebAppInput } from './control/web-app-control';
export type { RoleTargets, RoleType } from './core/types';
export { startDemoOrg, type DemoOrg } from './demo';
export type { FaultSpec } from './http/faults';
export { LIMITS_OUT_OF_REACH, WORKFORCE_LIMITS } from './http/rate-limit';
export type { BucketName, RateLimitConfig, RateLimitSetting, WindowRecord } from './http/rate-limit';
export type { SimStats } from './http/stats';
export type { SeedName, SeedOptions } from './seed/generate';
/** @public The UNCONFIRMED choices, for tools that list them (sim/okta/README.md). */
export { CHOICES as UNCONFIRMED_CHOICES } from './unconfirmed';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  seed?: SeedName | SeedOptions;
  rateLimits?: RateLimitSetting;
  concurrencyLimit?: number;
  /** Test hook: the org's clock (epoch ms). Lets tests expire tokens without waiting an hour. */
  clock?: () => number;
}

export interface Simulator {
  /** The org's "Okta domain", e.g. http://127.0.0.1:41234. One listener = one org. */
  origin: string;
  control: SimControl;
  close(): Promise<void>;
}

export function buildRouter(): Router {
  const router = new Router();
  router.add(
    { method: 'POST', template: '/oauth2/v1/token', op: 'token', handler: tokenEndpoint },
    {
      method: 'GET',
      template: '/oauth2/v1/keys',
      op: 'oauthKeys',
      handler: (ctx) => ({ status: 200, body: { keys: [ctx.state.issuer.publicJwk] } }),
    },
    metadataRoute,
    ...authorizeRoutes,
    ...sessionRoutes,
    ...userRoutes,
    // Before groupRoutes: the router takes the first match, and `rules` would otherwise be a {groupId}.
    ...groupRuleRoutes,
    ...groupRoutes,
    ...appRoutes,
    ...clientRoleRoutes,
    ...clientRoleTargetRoutes,
    ...iamRoutes,
    ...logRoutes,
  );
  return router;
}

/** Starts one simulated Okta org on its own listener (port 0 = random). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = typeof options.seed === 'object' ? options.seed : SEED_PRESETS[options.seed ?? 'tiny'];
  const state = await SimState.create(seed, options.clock);
  state.limiter.configure(options.rateLimits);
  state.concurrencyLimit = options.concurrencyLimit ?? 75;
  const control = new SimControl(state);
  const server = createSimServer(state, buildRouter(), controlHandler(control));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
