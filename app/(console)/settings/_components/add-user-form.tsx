'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { NativeSelect } from '@/components/ui/select';
import { callAction } from '@/lib/actions/call-action';
import { createConsoleUserAction } from '@/lib/actions/console-users';
import type { ActionResult } from '@/lib/actions/result';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import { useActionState, useEffect, useRef } from 'react';
import { toast } from 'sonner';

type State = ActionResult<{ id: string }> | null;

export function AddUserForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState<State, FormData>(
    (_prev, fd) => callAction(createConsoleUserAction, fd),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    }
  }, [state]);

  return (
    <form ref={formRef} action={formAction} className="grid max-w-lg gap-4" noValidate>
      <FormError message={state && !state.ok && state.code !== 'invalid_input' ? state.error : null} />
      <Field name="name" label="Name" error={errors?.name} required />
      <Field name="email" label="Email" type="email" error={errors?.email} required />
      <Field
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        description="At least 12 characters."
        error={errors?.password}
        required
      />
      <Field name="role" label="Role" error={errors?.role}>
        {(control) => (
          <NativeSelect {...control} defaultValue="operator">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]} — {ROLE_DESCRIPTIONS[r]}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <SubmitButton pendingText="Adding…" className="w-fit">
        Add user
      </SubmitButton>
    </form>
  );
}
