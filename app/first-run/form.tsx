'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { callAction } from '@/lib/actions/call-action';
import { createFirstAdminAction } from '@/lib/actions/first-run';
import type { ActionResult } from '@/lib/actions/result';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { toast } from 'sonner';

type State = ActionResult<{ email: string }> | null;

export function FirstRunForm({ token }: { token: string }) {
  const router = useRouter();
  const [state, formAction] = useActionState<State, FormData>(
    (_prev, fd) => callAction(createFirstAdminAction, fd),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      router.push('/sign-in');
    }
  }, [state, router]);

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormError message={state && !state.ok && !errors ? state.error : null} />
      <Field name="name" label="Your name" autoComplete="name" error={errors?.name} required />
      <Field name="email" label="Email" type="email" autoComplete="username" error={errors?.email} required />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        description="At least 12 characters."
        error={errors?.password}
        required
      />
      <Field
        name="confirm"
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        error={errors?.confirm}
        required
      />
      <SubmitButton pendingText="Creating…" className="w-full">
        Create admin
      </SubmitButton>
    </form>
  );
}
