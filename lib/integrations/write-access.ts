import 'server-only';

import { db, schema } from '@/db';
import { log } from '@/lib/log';
import { proveMembershipWrite, type ConnectionReport } from '@/lib/okta';
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { oktaFor } from './okta-for';
import type { Integration } from './store';

// What the console knows about an integration's right to change access, per capability: 'yes' or 'no' with a
// note saying how it learned it (the app's roles at a connection test, Verify write access, or a real change),
// null while unknown. Reads never tell (a Read-Only Administrator reads everything), so "connected" alone is
// never shown as able to change access. These columns are written without touching `updatedAt`, which keys
// the integration's Okta client (a new value would mean a new token and limiter).

export type Capability = 'memberships' | 'appAssignments';
export type WriteState = 'verified' | 'unverified' | 'missing';
export type CapabilityView = { state: 'yes' | 'no' | null; note: string | null };
export type WriteAccessView = { state: WriteState } & Record<Capability, CapabilityView>;

export const CAPABILITY_LABEL: Record<Capability, string> = {
  memberships: 'Group memberships',
  appAssignments: 'App assignments',
};

/** The capability a relation of lib/access/kinds needs: memberships, or app assignments (to users and groups). */
export const capabilityOf = (relation: 'membership' | 'app_user' | 'app_group'): Capability =>
  relation === 'membership' ? 'memberships' : 'appAssignments';

const COLUMNS = {
  memberships: { state: schema.integrations.writeMemberships, note: schema.integrations.writeMembershipsNote },
  appAssignments: { state: schema.integrations.writeApps, note: schema.integrations.writeAppsNote },
} as const;

/** The overall state an integration's page and list show: missing beats unverified beats verified. */
export function writeAccessOf(
  i: Pick<Integration, 'writeMemberships' | 'writeMembershipsNote' | 'writeApps' | 'writeAppsNote'>,
): WriteAccessView {
  const memberships = { state: i.writeMemberships, note: i.writeMembershipsNote };
  const appAssignments = { state: i.writeApps, note: i.writeAppsNote };
  const states = [memberships.state, appAssignments.state];
  const state = states.includes('no') ? 'missing' : states.every((s) => s === 'yes') ? 'verified' : 'unverified';
  return { state, memberships, appAssignments };
}

/**
 * Whether the last connection test read a role of type SUPER_ADMIN: only that role may change a group that holds
 * an admin role (admin-roles-and-permissions.md §1). Decided by Okta's role type, never by a label (a custom role
 * may be named anything). False when the roles were not readable, and for a report stored before roles carried
 * their type (the next test records it).
 */
export function isSuperAdmin(i: Pick<Integration, 'lastTestReport'>): boolean {
  const roles = (i.lastTestReport as Partial<ConnectionReport> | null)?.writeAccess?.roles;
  return Array.isArray(roles) && roles.some((r) => r.type === 'SUPER_ADMIN');
}

/** Records what one source showed about a capability. `whenDifferent` skips the write when the state is already so. */
export async function noteWriteAccess(
  integrationId: string,
  capability: Capability,
  state: 'yes' | 'no',
  note: string,
  opts: { whenDifferent?: boolean } = {},
): Promise<void> {
  const col = COLUMNS[capability];
  const where = opts.whenDifferent
    ? and(eq(schema.integrations.id, integrationId), or(isNull(col.state), ne(col.state, state)))
    : eq(schema.integrations.id, integrationId);
  const set =
    capability === 'memberships'
      ? { writeMemberships: state, writeMembershipsNote: note }
      : { writeApps: state, writeAppsNote: note };
  await db.update(schema.integrations).set(set).where(where);
}

/** A connection test's verdicts from the app's own roles; unknown leaves what earlier proof or changes showed. */
export async function noteTestedWriteAccess(integrationId: string, report: ConnectionReport): Promise<void> {
  const access = report.writeAccess;
  if (!access) return;
  for (const cap of ['memberships', 'appAssignments'] as const) {
    const reach = access[cap];
    if (reach.state !== 'unknown')
      await noteWriteAccess(integrationId, cap, reach.state, `From the app's admin roles: ${reach.detail}`);
  }
}

// Bulk rows would write the same 'yes' thousands of times: a success is written at most once a minute per
// integration and capability in a process (the update is conditional anyway); a refusal always is.
const recentYes = new Map<string, number>();
const YES_MEMO_MS = 60_000;

/**
 * What a real change showed: Okta took it (the right exists) or refused it with E0000006 (it does not, for that
 * object). Never throws: the change's own result matters more than this note.
 */
export async function noteChangeResult(
  integrationId: string,
  capability: Capability,
  result: { allowed: true; what: string } | { allowed: false; what: string; requestId?: string },
): Promise<void> {
  const key = `${integrationId}:${capability}`;
  const at = new Date().toISOString().replace('T', ' ').slice(0, 16);
  try {
    if (result.allowed) {
      if ((recentYes.get(key) ?? 0) > Date.now() - YES_MEMO_MS) return;
      await noteWriteAccess(integrationId, capability, 'yes', `Okta accepted a change (${result.what}) at ${at} UTC.`, {
        whenDifferent: true,
      });
      recentYes.set(key, Date.now());
    } else {
      recentYes.delete(key);
      await noteWriteAccess(
        integrationId,
        capability,
        'no',
        `Okta refused a change (${result.what}) with E0000006 at ${at} UTC${result.requestId ? `, request id ${result.requestId}` : ''}: the app's admin roles do not allow it there${capability === 'memberships' ? ' (a group that holds an admin role needs a Super Administrator)' : ''}. Assign the roles of step “Scopes and roles” (or widen their targets), then test the integration.`,
      );
    }
  } catch (err) {
    log.warn('write_access_note_failed', { integrationId, capability, err });
  }
}

export type VerifyResult = { state: 'yes' | 'no' | 'unknown'; message: string; requestId?: string };

/**
 * Verify write access: proves the right to change memberships by re-sending one that exists (lib/okta's
 * proveMembershipWrite), and records the verdict. App assignments have no write that is sure to leave an
 * assignment as it was (a re-sent assignment may rewrite its app profile), so they are learnt from the roles
 * or from the first real assignment.
 */
export async function verifyWriteAccess(integrationId: string): Promise<VerifyResult> {
  const { client } = await oktaFor(integrationId);
  const proof = await proveMembershipWrite(client.api);
  if (proof.state === 'unknown') return { state: 'unknown', message: proof.reason };
  const at = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const sent = `${proof.request} (${proof.user} in ${proof.group}, already a member)`;
  const message =
    proof.state === 'yes'
      ? `Verified at ${at} UTC: Okta accepted ${sent}, so nothing changed. This proves the right for ${proof.group}; a role limited to some groups may still be refused on others.`
      : `Okta refused ${sent} with “${proof.error ?? 'E0000006'}” at ${at} UTC: the app's admin roles do not allow changing memberships there. Assign the roles of step “Scopes and roles”, then verify again.`;
  await noteWriteAccess(integrationId, 'memberships', proof.state, message);
  return { state: proof.state, message, requestId: proof.requestId };
}
