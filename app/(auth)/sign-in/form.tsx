'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  Throttled: 'Too many failed sign-ins. Wait 15 minutes, then try again.',
  Disabled: 'This account is disabled. Ask a console admin to enable it.',
};

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v : '';
    };
    setPending(true);
    setError(null);
    const res = await signIn('credentials', {
      email: text('email'),
      password: text('password'),
      redirect: false,
    });
    setPending(false);
    if (res?.ok && !res.error) {
      router.replace(next);
      router.refresh();
      return;
    }
    setError(MESSAGES[res?.error ?? ''] ?? 'Sign-in failed. Try again.');
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormError message={error} />
      <Field name="email" label="Email" type="email" autoComplete="username" required />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending} pendingText="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
