'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { callAction } from '@/lib/actions/call-action';
import { createFirstAdminAction } from '@/lib/actions/first-run';
import type { ActionResult } from '@/lib/actions/result';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, type FormEvent } from 'react';
import { toast } from 'sonner';

type State = ActionResult<{ email: string }> | null;

export function FirstRunForm({ token }: { token: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<State, FormData>(
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

  // Submitted by hand rather than through <form action>, which empties the form after every answer: a
  // refused password must not cost the admin the name and email they typed.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fd = new FormData(event.currentTarget);
    startTransition(() => formAction(fd));
  };

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormError message={state && !state.ok && !errors ? state.error : null} />
      {state && !state.ok && state.code === 'forbidden' ? (
        <Link href="/sign-in" className="text-sm font-medium underline underline-offset-4">
          Go to sign-in
        </Link>
      ) : null}
      <Field name="name" label="Your name" autoComplete="name" error={errors?.name} required />
      <Field name="email" label="Email" type="email" autoComplete="username" error={errors?.email} required />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        // The rule once: as the hint, or as the error when the password broke it.
        description={errors?.password ? undefined : 'At least 12 characters.'}
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
      <SubmitButton pending={pending} pendingText="Creating…" className="w-full">
        Create admin
      </SubmitButton>
    </form>
  );
}
