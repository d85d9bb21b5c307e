'use client';

import { LoaderCircle } from 'lucide-react';
import type * as React from 'react';
import { useFormStatus } from 'react-dom';

import { Button, type ButtonProps } from '@/components/ui/button';

export type SubmitButtonProps = Omit<ButtonProps, 'type' | 'asChild'> & {
  /** For react-hook-form submits, which useFormStatus cannot see: pass `formState.isSubmitting`. */
  pending?: boolean;
  /** Label while pending, e.g. "Saving…". Defaults to the normal label. */
  pendingText?: React.ReactNode;
};

/** Submits its enclosing <form>; disabled with a spinner while the form action runs. */
export function SubmitButton({ children, pending: pendingProp, pendingText, disabled, ...props }: SubmitButtonProps) {
  const { pending: formPending } = useFormStatus();
  const pending = Boolean(pendingProp) || formPending;
  return (
    <Button type="submit" disabled={disabled === true || pending} aria-busy={pending || undefined} {...props}>
      {pending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
      {pending && pendingText ? pendingText : children}
    </Button>
  );
}
