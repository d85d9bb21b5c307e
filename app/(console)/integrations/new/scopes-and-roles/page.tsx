import { CopyButton } from '@/components/ui/copy-button';
import { DEFAULT_SCOPES } from '@/lib/okta';
import { loadDraftForStep } from '@/lib/queries/setup';
import { REQUIRED_ROLES } from '@/lib/setup/steps';
import type { Metadata } from 'next';
import { AcknowledgeForm } from '../_components/acknowledge-form';
import { StepPage, Ui } from '../_components/step-page';

export const metadata: Metadata = { title: 'Scopes and roles' };

export default async function ScopesAndRolesPage() {
  const draft = await loadDraftForStep('scopes-and-roles');
  return (
    <StepPage
      title="Grant scopes and admin roles"
      description="Scopes say which APIs the app may call; admin roles say what it may change. Okta needs both."
      okta={
        <ol>
          <li>
            In the app, open the <Ui>Okta API Scopes</Ui> tab and click <Ui>Grant</Ui> next to each of these six scopes:
            <ul className="mt-2 grid gap-1">
              {DEFAULT_SCOPES.map((s) => (
                <li key={s} className="flex items-center gap-2">
                  <code className="rounded bg-muted px-1 font-mono text-xs">{s}</code>
                  <CopyButton value={s} label={s} />
                </li>
              ))}
            </ul>
          </li>
          <li>
            Open the <Ui>Admin roles</Ui> tab, click <Ui>Edit assignments</Ui>, and assign these roles (all groups / all
            apps, or the ones this console should manage):
            <ul className="mt-2 grid list-disc gap-1 pl-5">
              {REQUIRED_ROLES.map((r) => (
                <li key={r.type}>
                  <Ui>{r.label}</Ui> <span className="text-muted-foreground">(role type {r.type})</span>
                </li>
              ))}
            </ul>
          </li>
          <li>
            Click <Ui>Save changes</Ui>. Without the roles, Okta answers every change with “You do not have permission
            to perform the requested action” (E0000006), even with the scopes granted.
          </li>
        </ol>
      }
    >
      <AcknowledgeForm
        step="scopes-and-roles"
        done={draft.completed.includes('scopes-and-roles')}
        label="I granted the six scopes and assigned Group Administrator and Application Administrator"
      />
    </StepPage>
  );
}
