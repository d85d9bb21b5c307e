import type { JWK } from 'jose';
import { generateClientKey, thumbprint, toPublicJwk, type SigningAlg } from '../auth/keys';
import type { AppStatus, KeyStatus, RoleAssignment, RoleTargets, RoleType, ServiceClient } from '../core/types';
import { ROLE_TYPES } from '../core/types';
import type { FaultSpec } from '../http/faults';
import type { RateLimitSetting, WindowRecord } from '../http/rate-limit';
import type { SimStats } from '../http/stats';
import { fail } from './directory-control';
import type { CustomRoleAssignmentInput } from './iam-control';
import { WebAppControl } from './web-app-control';

/** A standard role (optionally with group/app targets) or a custom role bound to a resource set. */
export type RoleInput = RoleType | { type: RoleType; targets?: RoleTargets } | CustomRoleAssignmentInput;

export interface ServiceAppInput {
  label?: string;
  /** Okta's default for new API Services apps since 2024 is true. */
  dpopRequired?: boolean;
  scopes?: string[];
  roles?: RoleInput[];
  status?: AppStatus;
}

/** The in-process twin of the `/__sim/*` control plane. Everything here is test/demo plumbing, not Okta API. */
export class SimControl extends WebAppControl {
  private client(clientId: string): ServiceClient {
    const c = this.dir.clients.get(clientId);
    if (!c) throw fail(`unknown client ${clientId}`);
    return c;
  }

  createServiceApp(input: ServiceAppInput = {}): { appId: string; clientId: string } {
    const app = this.dir.createApp({
      name: 'oidc_client',
      label: input.label ?? 'API Services App',
      signOnMode: 'OPENID_CONNECT',
      status: input.status ?? 'ACTIVE',
      service: true,
    });
    const client: ServiceClient = {
      clientId: app.id,
      dpopRequired: input.dpopRequired ?? true,
      scopes: new Set(input.scopes ?? []),
      roles: [],
      keys: [],
    };
    this.dir.clients.set(app.id, client);
    for (const r of input.roles ?? []) this.assignRole(app.id, r);
    return { appId: app.id, clientId: app.id };
  }

  async generateKey(clientId: string, options: { alg?: SigningAlg } = {}) {
    const client = this.client(clientId);
    if (client.keys.length >= 50) throw fail('an app can hold at most 50 keys', 400);
    const key = await generateClientKey(options.alg);
    this.pushKey(client, key.kid, key.publicJwk);
    return key;
  }

  async addPublicKey(clientId: string, jwk: JWK): Promise<{ kid: string }> {
    const client = this.client(clientId);
    const pub = toPublicJwk(jwk);
    if (!pub) throw fail('not an RSA or EC public JWK', 400);
    const kid = typeof jwk.kid === 'string' ? jwk.kid : await thumbprint(pub);
    if (client.keys.some((k) => k.kid === kid)) throw fail("All keys in the 'jwks' must have a unique `kid`.", 400);
    this.pushKey(client, kid, { ...pub, kid });
    return { kid };
  }

  private pushKey(client: ServiceClient, kid: string, publicJwk: JWK): void {
    // "Up to 50 signing keys can be saved per app" (service-app guide).
    if (client.keys.length >= 50) throw fail('an app can hold at most 50 keys', 400);
    const now = this.state.now();
    client.keys.push({
      id: this.dir.ids.next('pks'),
      kid,
      status: 'ACTIVE',
      publicJwk: publicJwk,
      created: now,
      lastUpdated: now,
    });
  }

  setKeyStatus(clientId: string, kid: string, status: KeyStatus): void {
    const key = this.client(clientId).keys.find((k) => k.kid === kid);
    if (!key) throw fail(`unknown kid ${kid}`);
    key.status = status;
    key.lastUpdated = this.state.now();
  }

  deleteKey(clientId: string, kid: string): void {
    const client = this.client(clientId);
    client.keys = client.keys.filter((k) => k.kid !== kid);
  }

  grantScopes(clientId: string, scopes: string[]): void {
    const c = this.client(clientId);
    for (const s of scopes) c.scopes.add(s);
  }

  revokeScopes(clientId: string, scopes: string[]): void {
    const c = this.client(clientId);
    for (const s of scopes) c.scopes.delete(s);
  }

  assignRole(clientId: string, input: RoleInput): { id: string } {
    const role = typeof input === 'string' ? { type: input } : input;
    const client = this.client(clientId);
    const now = this.state.now();
    const id = this.dir.ids.next('irb');
    let assignment: RoleAssignment;
    if (role.type === 'CUSTOM') {
      assignment = this.customAssignment(role, id, now);
    } else {
      if (!ROLE_TYPES.includes(role.type)) throw fail(`unknown role type ${String(role.type)}`, 400);
      const targets = 'targets' in role ? role.targets : undefined;
      assignment = { id, type: role.type, ...(targets ? { targets } : {}), created: now, lastUpdated: now };
    }
    client.roles.push(assignment);
    return { id };
  }

  removeRole(clientId: string, roleAssignmentId: string): void {
    const c = this.client(clientId);
    c.roles = c.roles.filter((r) => r.id !== roleAssignmentId);
  }

  setDpopRequired(clientId: string, required: boolean): void {
    this.client(clientId).dpopRequired = required;
  }

  setAppStatus(appIdOrClientId: string, status: AppStatus): void {
    const app = this.dir.apps.get(appIdOrClientId);
    if (!app) throw fail(`unknown app ${appIdOrClientId}`);
    app.status = status;
    app.lastUpdated = this.state.now();
  }

  faults(spec: FaultSpec | FaultSpec[]): void {
    this.state.faults.add(spec);
  }

  /** Removes every fault; requests a `hold` fault keeps waiting go on. */
  clearFaults(): void {
    this.state.faults.clear();
  }

  /** Requests a `hold` fault keeps waiting right now. */
  heldCount(): number {
    return this.state.faults.heldCount();
  }

  /** Lets the held requests go on; the faults stay, so later matching calls are held again. */
  releaseHeld(): void {
    this.state.faults.releaseHeld();
  }

  setRateLimits(config: RateLimitSetting, concurrencyLimit?: number): void {
    this.state.limiter.configure(config);
    if (concurrencyLimit !== undefined) this.state.concurrencyLimit = concurrencyLimit;
  }

  reset(): Promise<void> {
    return this.state.reset();
  }

  /** Registers setup to re-run after every reset (the demo org re-creates its service app this way). */
  onReset(hook: () => unknown): void {
    this.state.seedHooks.push(async () => {
      await hook();
    });
  }

  stats(): SimStats {
    return structuredClone(this.state.stats);
  }

  /** Every rate-limit window on record (requests counted and let through per bucket and window). */
  rateLimitWindows(): WindowRecord[] {
    return this.state.limiter.history();
  }
}
