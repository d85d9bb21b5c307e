import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { listConsoleUsers } from '@/lib/auth/users';
import {
  getIntegration,
  listIntegrations,
  type Integration,
  type IntegrationListQuery,
  type IntegrationSummary,
} from '@/lib/integrations/store';

// What each role may see of an integration. Operators and viewers get status only; credentials
// (client ID, key ID, key type and thumbprint) are for admins. The private key is never in either.
export type IntegrationStatusView = IntegrationSummary;
export type IntegrationAdminView = IntegrationStatusView &
  Pick<
    Integration,
    | 'clientId'
    | 'keyId'
    | 'keyType'
    | 'keyThumbprint'
    | 'authMode'
    | 'grantedScopes'
    | 'lastTestReport'
    | 'updatedAt'
    | 'updatedBy'
    | 'pendingKeyId'
    | 'pendingPublicJwk'
  >;

const statusView = (i: IntegrationSummary): IntegrationStatusView => ({
  id: i.id,
  name: i.name,
  oktaDomain: i.oktaDomain,
  status: i.status,
  failingSince: i.failingSince,
  lastTestedAt: i.lastTestedAt,
  createdBy: i.createdBy,
  createdAt: i.createdAt,
  dpopInUse: i.dpopInUse,
  writeMemberships: i.writeMemberships,
  writeMembershipsNote: i.writeMembershipsNote,
  writeApps: i.writeApps,
  writeAppsNote: i.writeAppsNote,
  rateLimitShare: i.rateLimitShare,
});

const adminView = (i: Integration): IntegrationAdminView => ({
  ...statusView(i),
  clientId: i.clientId,
  keyId: i.keyId,
  keyType: i.keyType,
  keyThumbprint: i.keyThumbprint,
  authMode: i.authMode,
  grantedScopes: i.grantedScopes,
  lastTestReport: i.lastTestReport,
  updatedAt: i.updatedAt,
  updatedBy: i.updatedBy,
  pendingKeyId: i.pendingKeyId,
  pendingPublicJwk: i.pendingPublicJwk,
});

export const INTEGRATIONS_PAGE_SIZE = 50;

/** One page of integrations by name (all of them without `limit`), with who created each; `next` is the cursor of the following page. */
export async function listIntegrationsForUser(query: IntegrationListQuery = {}): Promise<{
  canSeeCredentials: boolean;
  items: Array<IntegrationStatusView & { createdByLabel: string }>;
  next: string | null;
}> {
  const user = await requireUser('viewer');
  const limit = query.limit;
  const [rows, users] = await Promise.all([
    listIntegrations({ ...query, limit: limit === undefined ? undefined : limit + 1 }),
    listConsoleUsers(),
  ]);
  const page = limit === undefined ? rows : rows.slice(0, limit);
  const names = new Map(users.map((u) => [u.id, u.email]));
  return {
    canSeeCredentials: hasRole(user.role, 'admin'),
    items: page.map((i) => ({ ...statusView(i), createdByLabel: names.get(i.createdBy) ?? 'a removed user' })),
    next: limit !== undefined && rows.length > limit ? page.at(-1)!.name : null,
  };
}

/** Id and name of every integration: for filters and pickers. */
export async function listIntegrationNames(): Promise<Array<{ id: string; name: string }>> {
  await requireUser('viewer');
  return (await listIntegrations()).map(({ id, name }) => ({ id, name }));
}

export async function getIntegrationForUser(
  id: string,
): Promise<
  { kind: 'admin'; integration: IntegrationAdminView } | { kind: 'status'; integration: IntegrationStatusView } | null
> {
  const user = await requireUser('viewer');
  const found = await getIntegration(id);
  if (!found) return null;
  return hasRole(user.role, 'admin')
    ? { kind: 'admin', integration: adminView(found) }
    : { kind: 'status', integration: statusView(found) };
}
