'use client';

import { FormError } from '@/components/forms/form-error';
import { ConnectionReport, type ReportView } from '@/components/integrations/connection-report';
import { Button } from '@/components/ui/button';
import { saveIntegrationAction } from '@/lib/actions/integrations';
import { testDraftConnectionAction } from '@/lib/actions/setup';
import Link from 'next/link';
import { useState, useTransition } from 'react';

const PENDING = [
  'Private key',
  'Okta domain',
  'Access token',
  'Scopes',
  'Read users',
  'Read groups',
  'Read apps',
  'Admin roles',
  'Change group memberships',
  'Change app assignments',
  'System Log (optional)',
];

export function TestForm({ draftId, initial }: { draftId: string; initial: ReportView | null }) {
  const [report, setReport] = useState<ReportView | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [testing, startTest] = useTransition();
  const [saving, startSave] = useTransition();
  const [confirmAnyway, setConfirmAnyway] = useState(false);

  const test = () =>
    startTest(async () => {
      setError(null);
      setReport(null);
      const res = await testDraftConnectionAction({ draftId });
      if (res.ok) setReport(res.data);
      else setError(res.error);
    });

  const save = (acceptWarning: boolean) =>
    startSave(async () => {
      const res = await saveIntegrationAction({ draftId, acceptWarning: acceptWarning ? 'true' : 'false' });
      if (res && !res.ok) setError(res.error);
    });

  return (
    <div className="grid gap-4">
      <FormError message={error} />
      <ConnectionReport report={testing ? null : report} pendingLabels={testing ? PENDING : undefined} />
      <div className="flex flex-wrap gap-2">
        <Button onClick={test} disabled={testing || saving} variant={report?.ok ? 'outline' : 'default'}>
          {testing ? 'Testing…' : report ? 'Test again' : 'Test connection'}
        </Button>
        {report?.ok ? (
          <Button onClick={() => save(false)} disabled={saving || testing}>
            {saving ? 'Saving…' : 'Save integration'}
          </Button>
        ) : null}
        {report && !report.ok && !confirmAnyway ? (
          <Button variant="ghost" onClick={() => setConfirmAnyway(true)} disabled={testing}>
            Save anyway…
          </Button>
        ) : null}
        <Button asChild variant="ghost">
          <Link href="/integrations/new/connection">Edit connection details</Link>
        </Button>
      </div>
      {report && !report.ok && confirmAnyway ? (
        <div
          role="alertdialog"
          aria-labelledby="anyway-title"
          className="grid gap-2 rounded-md border border-warning/40 bg-warning/10 p-4 text-sm"
        >
          <p id="anyway-title" className="font-medium">
            Save although the test failed?
          </p>
          {report.checks.some((c) => c.id === 'token' && c.status === 'pass') ? (
            <p>
              The integration is saved as Failing, with this report attached, and every access operation will fail until
              the problem is fixed.
            </p>
          ) : (
            // No token means nothing works, and a saved integration's domain, client ID and KID cannot be edited.
            <p>
              Okta refused these credentials, so this integration could not read or change anything: every directory
              page and every change would fail. Once saved, its domain, client ID and KID cannot be edited; fixing them
              means pasting the private key again under Rotate key, or deleting the integration. Fixing them here takes
              only <strong>Edit connection details</strong>.
            </p>
          )}
          <div className="flex gap-2">
            <Button variant="destructive" size="sm" onClick={() => save(true)} disabled={saving}>
              {saving ? 'Saving…' : 'Save anyway'}
            </Button>
            <Button variant="outline" size="sm" onClick={() => setConfirmAnyway(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
