import { currentDraft } from '@/lib/queries/setup';
import { stepHref } from '@/lib/setup/steps';
import { redirect } from 'next/navigation';

/** Resumes the wizard at the first step not yet completed. */
export default async function NewIntegrationPage() {
  const draft = await currentDraft();
  redirect(stepHref(draft.current));
}
