import { PageHeader } from '@/components/layout/page-header';
import { currentDraft } from '@/lib/queries/setup';
import type { ReactNode } from 'react';
import { WizardStepper } from './_components/wizard-stepper';

export default async function NewIntegrationLayout({ children }: { children: ReactNode }) {
  const draft = await currentDraft();
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Connect an Okta org"
        description="Create an API Services app in Okta, give it a key, scopes and admin roles, then test the connection."
        breadcrumbs={[{ label: 'Integrations', href: '/integrations' }, { label: 'Connect an Okta org' }]}
      />
      <WizardStepper completed={draft.completed} current={draft.current} />
      {children}
    </div>
  );
}
