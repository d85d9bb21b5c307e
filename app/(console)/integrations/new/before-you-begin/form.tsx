'use client';

import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { completeSetupStepAction } from '@/lib/actions/setup';
import { ROLES_NEEDED } from '@/lib/setup/steps';
import { CheckField } from '../_components/check-field';
import { useStepAction } from '../_components/use-step-action';

export function PrerequisitesForm({ done }: { done: boolean }) {
  const { state, formAction, errors } = useStepAction(completeSetupStepAction);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <input type="hidden" name="step" value="before-you-begin" />
      <FormError message={state && !state.ok && state.code !== 'invalid_input' ? state.error : null} />
      <CheckField
        name="adminRole"
        defaultChecked={done}
        error={errors?.adminRole}
        label="I can sign in to the Okta Admin Console as a Super Administrator"
        hint="Only a Super Administrator can grant the app its okta.* scopes and assign its admin roles."
      />
      <CheckField
        name="domain"
        defaultChecked={done}
        error={errors?.domain}
        label="I know my org's Okta domain"
        hint="Like acme.okta.com — the address without “-admin” (acme-admin.okta.com is the Admin Console, not the API)."
      />
      <CheckField
        name="createApps"
        defaultChecked={done}
        error={errors?.createApps}
        label="I can create app integrations (Applications → Applications)"
      />
      <CheckField
        name="grantRoles"
        defaultChecked={done}
        error={errors?.grantRoles}
        label="I can assign the app the admin roles it needs (its Admin roles tab)"
        hint={ROLES_NEEDED}
      />
      <SubmitButton className="w-fit" pendingText="Saving…">
        Continue
      </SubmitButton>
    </form>
  );
}
