import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Mono } from '@/components/ui/mono';
import { StatusBadge } from '@/components/ui/status-badge';

// The report lib/okta's testConnection returns, as plain data a client component can receive.
export interface ReportView {
  ok: boolean;
  checks: Array<{ id: string; label: string; status: 'pass' | 'fail' | 'warn' | 'skip'; detail?: string }>;
  problem?: { code: string; title: string; cause: string; fix: string[]; requestId?: string; missingScopes?: string[] };
  grantedScopes: string[];
  dpop: boolean;
  switchedToDpop: boolean;
  writeAccess?: Record<'memberships' | 'appAssignments', { state: 'yes' | 'no' | 'unknown'; detail: string }>;
}

/** Reads passed but nothing showed whether the app may change access: a warning, never an all-clear. */
export const writeUnverified = (report: ReportView) =>
  report.ok &&
  (report.writeAccess?.memberships.state === 'unknown' || report.writeAccess?.appAssignments.state === 'unknown');

/** The connection checklist and, on failure, the cause and the fix steps. */
export function ConnectionReport({ report, pendingLabels }: { report: ReportView | null; pendingLabels?: string[] }) {
  if (!report) {
    return pendingLabels ? (
      <ul aria-label="Connection checks" aria-busy="true" className="grid gap-2">
        {pendingLabels.map((l) => (
          <li key={l} className="flex items-center justify-between gap-3 rounded-md border px-3 py-2 text-sm">
            {l}
            <StatusBadge status="running" />
          </li>
        ))}
      </ul>
    ) : null;
  }
  return (
    <div className="grid gap-4">
      <ul aria-label="Connection checks" className="grid gap-2">
        {report.checks.map((c) => (
          <li key={c.id} className="grid gap-1 rounded-md border px-3 py-2 text-sm">
            <div className="flex items-center justify-between gap-3">
              <span className="font-medium">{c.label}</span>
              <StatusBadge status={c.status} />
            </div>
            {c.detail ? <p className="text-muted-foreground">{c.detail}</p> : null}
          </li>
        ))}
      </ul>
      {report.switchedToDpop ? (
        <Alert variant="info">
          <AlertTitle>This app requires DPoP</AlertTitle>
          <AlertDescription>
            Okta asked for DPoP proofs, so the console switched to DPoP and will use it from now on. Nothing to change
            in Okta.
          </AlertDescription>
        </Alert>
      ) : null}
      {writeUnverified(report) ? (
        <Alert variant="warning" role="status">
          <AlertTitle>Connected — write access not verified</AlertTitle>
          <AlertDescription>
            <p>
              The app signs in and reads users, groups and apps, but reads cannot show whether Okta lets it change
              access: an app with only the Read-Only Administrator role passes every read and is refused every change
              (E0000006). The app may not read its own admin roles, so the test could not check them.
            </p>
            <p className="mt-2">
              After saving, use <span className="font-medium">Verify write access</span> on the integration page (it
              re-sends a membership that already exists, which changes nothing), or grant the optional{' '}
              <code className="font-mono">okta.roles.read</code> scope with a Super Administrator or a custom role that
              has <code className="font-mono">okta.iam.read</code>, and test again.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      {report.problem ? (
        <Alert variant="destructive" role="alert">
          <AlertTitle>{report.problem.title}</AlertTitle>
          <AlertDescription>
            <p>{report.problem.cause}</p>
            {report.problem.missingScopes?.length ? (
              <p className="mt-1">
                Missing scopes:{' '}
                {report.problem.missingScopes.map((s) => (
                  <code key={s} className="mr-1 font-mono">
                    {s}
                  </code>
                ))}
              </p>
            ) : null}
            <p className="mt-3 font-medium text-foreground">How to fix it</p>
            <ol className="mt-1 list-decimal pl-5 text-foreground">
              {report.problem.fix.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ol>
            {report.problem.requestId ? (
              <p className="mt-3 text-foreground">
                Okta request id: <Mono value={report.problem.requestId} label="Okta request id" />
              </p>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
