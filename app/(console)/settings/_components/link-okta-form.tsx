'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { callAction } from '@/lib/actions/call-action';
import { linkOktaAccountAction } from '@/lib/actions/okta-link';
import type { ActionResult } from '@/lib/actions/result';
import { signIn } from 'next-auth/react';
import { useActionState, useEffect } from 'react';

type State = ActionResult<undefined> | null;

/** Links this password account to Okta: confirm the password, then sign in with Okta as yourself. */
export function LinkOktaForm({ label }: { label: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    (_prev, fd) => callAction(linkOktaAccountAction, fd),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok) void signIn('okta', { callbackUrl: '/settings' });
  }, [state]);
  return (
    <form action={formAction} className="grid max-w-lg gap-4" noValidate>
      <FormError message={state && !state.ok && state.code !== 'invalid_input' ? state.error : null} />
      <Field
        name="password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        description={`Then ${label.toLowerCase()} as yourself: this account will sign in with Okta, its role following your Okta groups.`}
        error={errors?.password}
        required
      />
      <SubmitButton pending={pending || !!state?.ok} pendingText="Going to Okta…">
        Link to Okta
      </SubmitButton>
    </form>
  );
}
