import 'server-only';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { listConsoleUsers } from '@/lib/auth/users';
import { getIntegration, listIntegrations, type Integration } from '@/lib/integrations/store';

// What each role may see of an integration. Operators and viewers get status only; credentials
// (client ID, key ID, key type and thumbprint) are for admins. The private key is never in either.
export type IntegrationStatusView = Pick<
  Integration,
  'id' | 'name' | 'oktaDomain' | 'status' | 'failingSince' | 'lastTestedAt' | 'createdBy' | 'createdAt' | 'dpopInUse'
>;
export type IntegrationAdminView = IntegrationStatusView &
  Pick<Integration, 'clientId' | 'keyId' | 'keyType' | 'keyThumbprint' | 'authMode' | 'grantedScopes' | 'lastTestReport' | 'updatedAt' | 'updatedBy' | 'pendingKeyId' | 'pendingPublicJwk'>;

const statusView = (i: Integration): IntegrationStatusView => ({
  id: i.id,
  name: i.name,
  oktaDomain: i.oktaDomain,
  status: i.status,
  failingSince: i.failingSince,
  lastTestedAt: i.lastTestedAt,
  createdBy: i.createdBy,
  createdAt: i.createdAt,
  dpopInUse: i.dpopInUse,
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

export async function listIntegrationsForUser(): Promise<{ canSeeCredentials: boolean; items: Array<IntegrationStatusView & { createdByLabel: string }> }> {
  const user = await requireUser('viewer');
  const [items, users] = await Promise.all([listIntegrations(), listConsoleUsers()]);
  const names = new Map(users.map((u) => [u.id, u.email]));
  return {
    canSeeCredentials: hasRole(user.role, 'admin'),
    items: items.map((i) => ({ ...statusView(i), createdByLabel: names.get(i.createdBy) ?? 'a removed user' })),
  };
}

export async function getIntegrationForUser(
  id: string,
): Promise<{ kind: 'admin'; integration: IntegrationAdminView } | { kind: 'status'; integration: IntegrationStatusView } | null> {
  const user = await requireUser('viewer');
  const found = await getIntegration(id);
  if (!found) return null;
  return hasRole(user.role, 'admin') ? { kind: 'admin', integration: adminView(found) } : { kind: 'status', integration: statusView(found) };
}
