import { CopyButton } from '@/components/ui/copy-button';
import { loadDraftForStep } from '@/lib/queries/setup';
import { SUGGESTED_APP_NAME } from '@/lib/setup/steps';
import type { Metadata } from 'next';
import { AcknowledgeForm } from '../_components/acknowledge-form';
import { StepPage, Ui } from '../_components/step-page';

export const metadata: Metadata = { title: 'Create the app in Okta' };

export default async function CreateAppPage() {
  const draft = await loadDraftForStep('create-app');
  return (
    <StepPage
      title="Create the app in Okta"
      description="An API Services app is a machine-to-machine client: the console signs in as it, never as you."
      okta={
        <ol>
          <li>
            Go to <Ui>Applications</Ui> → <Ui>Applications</Ui> and click <Ui>Create App Integration</Ui>.
          </li>
          <li>
            Choose <Ui>API Services</Ui> and click <Ui>Next</Ui>.
          </li>
          <li>
            Name it <code className="rounded bg-muted px-1 font-mono">{SUGGESTED_APP_NAME}</code>{' '}
            <CopyButton value={SUGGESTED_APP_NAME} label="app name" /> and click <Ui>Save</Ui>.
          </li>
          <li>
            Okta opens the app&apos;s <Ui>General</Ui> tab. Keep it open: the <Ui>Client ID</Ui> is there, and the next
            steps start there.
          </li>
        </ol>
      }
    >
      <AcknowledgeForm
        step="create-app"
        done={draft.completed.includes('create-app')}
        label="I created the API Services app and can see its Client ID"
      />
    </StepPage>
  );
}
