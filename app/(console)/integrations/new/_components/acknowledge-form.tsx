'use client';

import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { completeSetupStepAction } from '@/lib/actions/setup';
import { CheckField } from './check-field';
import { useStepAction } from './use-step-action';

/** "I have done this in Okta": one confirmation, then the next step. */
export function AcknowledgeForm({
  step,
  label,
  done,
}: {
  step: 'create-app' | 'scopes-and-roles';
  label: string;
  done: boolean;
}) {
  const { state, formAction, errors } = useStepAction(completeSetupStepAction);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <input type="hidden" name="step" value={step} />
      <FormError message={state && !state.ok && state.code !== 'invalid_input' ? state.error : null} />
      <CheckField name="confirmed" label={label} defaultChecked={done} error={errors?.confirmed} />
      <SubmitButton className="w-fit" pendingText="Saving…">
        Continue
      </SubmitButton>
    </form>
  );
}
