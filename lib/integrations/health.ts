import 'server-only';

import { testConnection, type ConnectionReport, type OktaCredentials } from '@/lib/okta';
import { oktaOptions } from './okta-options';
import { updateIntegration, type Integration } from './store';
import { noteTestedWriteAccess } from './write-access';

/** Runs the connection test with the given credentials (no caching: a test must really ask Okta). */
export function runConnectionTest(creds: OktaCredentials): Promise<ConnectionReport> {
  return testConnection(creds, oktaOptions());
}

/** The auth mode to store after a test: DPoP when the app needed it, so later calls skip the detour. */
export const authModeAfter = (report: ConnectionReport) => (report.dpop ? ('dpop' as const) : ('auto' as const));

/** Records a test's outcome on an integration: status, failing-since, granted scopes, DPoP, report, write access. */
export async function recordTest(
  current: Integration,
  report: ConnectionReport,
  by: string,
): Promise<Integration | undefined> {
  const now = new Date();
  await noteTestedWriteAccess(current.id, report);
  return updateIntegration(
    current.id,
    {
      status: report.ok ? 'connected' : 'failing',
      failingSince: report.ok ? null : (current.failingSince ?? now),
      lastTestedAt: now,
      lastTestReport: report,
      grantedScopes: report.grantedScopes,
      dpopInUse: report.dpop,
      ...(report.ok && { authMode: authModeAfter(report) }),
    },
    by,
  );
}
