import type { JWK } from 'jose';
import { generateClientKey, thumbprint, toPublicJwk, type SigningAlg } from '../auth/keys';
import { HttpError } from '../core/errors';
import type { AppRecord, AppStatus, GroupRecord, KeyStatus, RoleTargets, RoleType, ServiceClient, UserProfile, UserStatus } from '../core/types';
import { ROLE_TYPES } from '../core/types';
import type { FaultSpec } from '../http/faults';
import type { RateLimitSetting } from '../http/rate-limit';
import type { SimStats } from '../http/stats';
import type { SimState } from '../state';

export type RoleInput = RoleType | { type: RoleType; targets?: RoleTargets };

export interface ServiceAppInput {
  label?: string;
  /** Okta's default for new API Services apps since 2024 is true. */
  dpopRequired?: boolean;
  scopes?: string[];
  roles?: RoleInput[];
  status?: AppStatus;
}

const fail = (message: string, status = 404) => new HttpError(status, { error: message });

/** The in-process twin of the `/__sim/*` control plane. Everything here is test/demo plumbing, not Okta API. */
export class SimControl {
  constructor(private readonly state: SimState) {}

  private get dir() {
    return this.state.dir;
  }

  private client(clientId: string): ServiceClient {
    const c = this.dir.clients.get(clientId);
    if (!c) throw fail(`unknown client ${clientId}`);
    return c;
  }

  createServiceApp(input: ServiceAppInput = {}): { appId: string; clientId: string } {
    const app = this.dir.createApp({ name: 'oidc_client', label: input.label ?? 'API Services App', signOnMode: 'OPENID_CONNECT', status: input.status ?? 'ACTIVE', service: true });
    const client: ServiceClient = { clientId: app.id, dpopRequired: input.dpopRequired ?? true, scopes: new Set(input.scopes ?? []), roles: [], keys: [] };
    this.dir.clients.set(app.id, client);
    for (const r of input.roles ?? []) this.assignRole(app.id, typeof r === 'string' ? { type: r } : r);
    return { appId: app.id, clientId: app.id };
  }

  async generateKey(clientId: string, options: { alg?: SigningAlg } = {}) {
    const client = this.client(clientId);
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
    if (client.keys.length >= 50) throw fail('an app can hold at most 50 keys', 400);
    this.pushKey(client, kid, { ...pub, kid });
    return { kid };
  }

  private pushKey(client: ServiceClient, kid: string, publicJwk: JWK): void {
    const now = this.state.now();
    client.keys.push({ id: this.dir.ids.next('pks'), kid, status: 'ACTIVE', publicJwk: publicJwk, created: now, lastUpdated: now });
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

  assignRole(clientId: string, role: { type: RoleType; targets?: RoleTargets }): { id: string } {
    if (!ROLE_TYPES.includes(role.type)) throw fail(`unknown role type ${String(role.type)}`, 400);
    const now = this.state.now();
    const id = this.dir.ids.next('irb');
    this.client(clientId).roles.push({ id, type: role.type, ...(role.targets ? { targets: role.targets } : {}), created: now, lastUpdated: now });
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

  clearFaults(): void {
    this.state.faults.clear();
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

  // Directory helpers for tests.
  createUser(profile: Partial<UserProfile> & { login: string }, status: UserStatus = 'ACTIVE') {
    if (this.dir.loginIndex.has(profile.login.toLowerCase())) throw fail('login: An object with this field already exists in the current organization', 400);
    const full: UserProfile = { firstName: null, lastName: null, email: profile.login, ...profile };
    return structuredClone(this.dir.createUser(full, status));
  }

  createGroup(input: { name: string; description?: string; type?: GroupRecord['type'] }) {
    return structuredClone(this.dir.createGroup(input));
  }

  createApp(input: { label: string; signOnMode: AppRecord['signOnMode']; status?: AppStatus; name?: string }) {
    const name = input.name ?? (input.signOnMode === 'BOOKMARK' ? 'bookmark' : input.signOnMode === 'OPENID_CONNECT' ? 'oidc_client' : input.label.toLowerCase().replace(/\W+/g, '_'));
    return structuredClone(this.dir.createApp({ ...input, name }));
  }

  addMember(groupId: string, userId: string): void {
    this.mustExist(groupId, userId);
    this.dir.addMember(groupId, userId);
  }

  removeMember(groupId: string, userId: string): void {
    this.mustExist(groupId, userId);
    this.dir.removeMember(groupId, userId);
  }

  assignAppToUser(appId: string, userId: string, input: { userName?: string; profile?: Record<string, unknown> } = {}): void {
    if (!this.dir.apps.has(appId) || !this.dir.users.has(userId)) throw fail('unknown app or user');
    this.dir.assignUser(appId, userId, input);
  }

  assignAppToGroup(appId: string, groupId: string, input: { priority?: number } = {}): void {
    if (!this.dir.apps.has(appId) || !this.dir.groups.has(groupId)) throw fail('unknown app or group');
    this.dir.assignGroup(appId, groupId, input);
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
