'use client';

import { callAction } from '@/lib/actions/call-action';
import type { ActionResult } from '@/lib/actions/result';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';

type StepResult = ActionResult<{ next: string }> | null;

/** useActionState for a step form: moves on to the next step when the action succeeds. */
export function useStepAction(action: (fd: FormData) => Promise<ActionResult<{ next: string }>>) {
  const router = useRouter();
  const [state, formAction] = useActionState<StepResult, FormData>((_prev, fd) => callAction(action, fd), null);
  useEffect(() => {
    if (state?.ok) {
      router.push(state.data.next);
      router.refresh();
    }
  }, [state, router]);
  return { state, formAction, errors: state && !state.ok ? state.fieldErrors : undefined };
}
