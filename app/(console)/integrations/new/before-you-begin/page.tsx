import { loadDraftForStep } from '@/lib/queries/setup';
import type { Metadata } from 'next';
import { StepPage } from '../_components/step-page';
import { PrerequisitesForm } from './form';

export const metadata: Metadata = { title: 'Before you begin' };

export default async function BeforeYouBeginPage() {
  const draft = await loadDraftForStep('before-you-begin');
  return (
    <StepPage title="Before you begin" description="You will need these in Okta. Tick each one you have.">
      <PrerequisitesForm done={draft.completed.includes('before-you-begin')} />
    </StepPage>
  );
}
