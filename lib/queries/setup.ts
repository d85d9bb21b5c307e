import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { integrationsForApp } from '@/lib/integrations/store';
import { getOrCreateDraft, type Draft } from '@/lib/setup/drafts';
import { canOpenStep, stepHref, type StepId } from '@/lib/setup/steps';
import { redirect } from 'next/navigation';

/** The admin's draft for a wizard step; a step opened before its turn sends them to the current one. */
export async function loadDraftForStep(step: StepId): Promise<Draft> {
  const user = await requireUser('admin');
  const draft = await getOrCreateDraft(user.id);
  if (!canOpenStep(step, draft.completed)) redirect(stepHref(draft.current));
  return draft;
}

/** Integrations already connected to the draft's Okta app (a second one would manage the same org twice). */
export async function integrationsForDraftApp(draft: Draft): Promise<Array<{ id: string; name: string }>> {
  await requireUser('admin');
  return draft.oktaDomain && draft.clientId ? integrationsForApp(draft.oktaDomain, draft.clientId) : [];
}

export async function currentDraft(): Promise<Draft> {
  const user = await requireUser('admin');
  return getOrCreateDraft(user.id);
}
