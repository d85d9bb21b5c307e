import { AlreadyConnected } from '@/components/integrations/already-connected';
import type { ReportView } from '@/components/integrations/connection-report';
import { integrationsForDraftApp, loadDraftForStep } from '@/lib/queries/setup';
import type { Metadata } from 'next';
import { StepPage } from '../_components/step-page';
import { TestForm } from './form';

export const metadata: Metadata = { title: 'Test and save' };

export default async function TestPage() {
  const draft = await loadDraftForStep('test');
  const existing = await integrationsForDraftApp(draft);
  return (
    <StepPage
      title="Test the connection"
      description="The console gets a token from Okta and reads users, groups and apps, exactly as it will when you use it."
    >
      <dl className="mb-6 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm wrap-anywhere">
        <dt className="text-muted-foreground">Name</dt>
        <dd>{draft.name}</dd>
        <dt className="text-muted-foreground">Okta domain</dt>
        <dd className="font-mono">{draft.oktaDomain}</dd>
        <dt className="text-muted-foreground">Client ID</dt>
        <dd className="font-mono">{draft.clientId}</dd>
        <dt className="text-muted-foreground">Key</dt>
        <dd>
          {draft.keyType} · KID <span className="font-mono">{draft.keyId}</span>
        </dd>
      </dl>
      {existing.length > 0 ? (
        <div className="mb-6">
          <AlreadyConnected integrations={existing} />
        </div>
      ) : null}
      <TestForm draftId={draft.id} initial={(draft.lastTest?.report as ReportView | undefined) ?? null} />
    </StepPage>
  );
}
