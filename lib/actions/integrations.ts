'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { authModeAfter, recordTest, runConnectionTest } from '@/lib/integrations/health';
import { createIntegration, deleteIntegration, getIntegration, openCredentials, updateIntegration } from '@/lib/integrations/store';
import { checkField } from '@/lib/setup/connection';
import { deleteDraft, draftCredentials, getDraft } from '@/lib/setup/drafts';
import { deleteIntegrationSchema, integrationRefSchema, renameIntegrationSchema, rotateKeySchema, saveIntegrationSchema } from '@/lib/validations/setup';
import { defineAction } from './action';
import { fail, ok } from './result';

const actor = (u: { id: string; email: string }): AuditActor => ({ type: 'user', id: u.id, label: u.email });
const isUniqueViolation = (err: unknown) => err instanceof Error && /unique|duplicate/i.test(err.message);

/** Turns the wizard's draft into an integration: after a passing test, or "save anyway" with the warning kept. */
export const saveIntegrationAction = defineAction({ name: 'integration.create', role: 'admin', input: saveIntegrationSchema }, async (input, { user, ip }) => {
  const draft = await getDraft(user.id);
  const creds = await draftCredentials(user.id);
  if (!draft || draft.id !== input.draftId || !creds || !draft.name) return fail('not_found', 'This setup draft is incomplete or gone; start again.');
  const test = draft.lastTest;
  if (!test?.ok && !input.acceptWarning) return fail('conflict', 'The connection test has not passed. Test again, or choose “Save anyway”.');
  let created;
  try {
    created = await createIntegration({
      name: draft.name,
      oktaDomain: creds.domain,
      clientId: creds.clientId,
      keyId: creds.keyId ?? null,
      privateKey: creds.privateKey,
      keyType: draft.keyType ?? 'unknown',
      keyThumbprint: draft.keyThumbprint ?? '',
      authMode: test?.ok ? authModeAfter(test.report) : 'auto',
      createdBy: user.id,
    });
  } catch (err) {
    if (isUniqueViolation(err)) return fail('conflict', 'An integration with this name already exists. Go back to Connection details and rename it.');
    throw err;
  }
  if (test) await recordTest(created, test.report, user.id);
  await deleteDraft(user.id);
  await recordAudit({
    actor: actor(user),
    action: 'integration.create',
    outcome: 'success',
    target: { type: 'integration', id: created.id, label: created.name },
    integrationId: created.id,
    detail: { domain: created.oktaDomain, testPassed: Boolean(test?.ok), savedWithWarning: !test?.ok, problem: test?.report.problem?.code },
    ip,
  });
  revalidatePath('/integrations');
  redirect(`/integrations/${created.id}`);
});

/** Tests a saved integration now and records its health. */
export const testIntegrationAction = defineAction({ name: 'integration.test', role: 'operator', input: integrationRefSchema }, async (input, { user, ip }) => {
  const current = await getIntegration(input.integrationId);
  const creds = await openCredentials(input.integrationId);
  if (!current || !creds) return fail('not_found', 'This integration no longer exists.');
  const report = await runConnectionTest(creds);
  await recordTest(current, report, user.id);
  await recordAudit({
    actor: actor(user),
    action: 'integration.test',
    outcome: report.ok ? 'success' : 'failure',
    target: { type: 'integration', id: current.id, label: current.name },
    integrationId: current.id,
    detail: { problem: report.problem?.code },
    oktaRequestId: report.problem?.requestId ?? null,
    ip,
  });
  revalidatePath(`/integrations/${current.id}`);
  revalidatePath('/integrations');
  return ok({ ok: report.ok, problem: report.problem?.title ?? null });
});

/** Renames an integration (admin only). */
export const renameIntegrationAction = defineAction({ name: 'integration.rename', role: 'admin', input: renameIntegrationSchema }, async (input, { user, ip }) => {
  const current = await getIntegration(input.integrationId);
  if (!current) return fail('not_found', 'This integration no longer exists.');
  try {
    await updateIntegration(current.id, { name: input.name }, user.id);
  } catch (err) {
    if (isUniqueViolation(err)) return fail('conflict', 'Another integration already has this name.', { name: ['Already in use'] });
    throw err;
  }
  await recordAudit({ actor: actor(user), action: 'integration.rename', outcome: 'success', target: { type: 'integration', id: current.id, label: input.name }, integrationId: current.id, detail: { from: current.name }, ip });
  revalidatePath(`/integrations/${current.id}`);
  return ok(undefined, `Renamed to ${input.name}.`);
});

/** Replaces the private key only after the new one passes a full connection test; the old one stays otherwise. */
export const rotateIntegrationKeyAction = defineAction({ name: 'integration.rotate_key', role: 'admin', input: rotateKeySchema }, async (input, { user, ip }) => {
  const current = await getIntegration(input.integrationId);
  const creds = await openCredentials(input.integrationId);
  if (!current || !creds) return fail('not_found', 'This integration no longer exists.');
  const key = checkField('privateKey', input);
  if (!key.ok) return fail('invalid_input', 'Check the highlighted fields.', { privateKey: [key.message] });
  const kid = checkField('keyId', input);
  if (!kid.ok) return fail('invalid_input', 'Check the highlighted fields.', { keyId: [kid.message] });
  const report = await runConnectionTest({ ...creds, keyId: kid.value || undefined, privateKey: input.privateKey });
  const audit = { actor: actor(user), action: 'integration.rotate_key', target: { type: 'integration', id: current.id, label: current.name }, integrationId: current.id, ip };
  if (!report.ok) {
    await recordAudit({ ...audit, outcome: 'failure', detail: { problem: report.problem?.code, kept: 'old key' } });
    return ok({ rotated: false, report }, 'The new key did not pass the test; the old key is still in use.');
  }
  const updated = await updateIntegration(current.id, { privateKey: input.privateKey, keyId: kid.value || null, keyType: key.key!.type, keyThumbprint: key.key!.thumbprint }, user.id);
  if (updated) await recordTest(updated, report, user.id);
  await recordAudit({ ...audit, outcome: 'success', detail: { thumbprint: key.key!.thumbprint } });
  revalidatePath(`/integrations/${current.id}`);
  return ok({ rotated: true, report }, 'Key rotated: the new key passed the test and replaced the old one.');
});

/** Deletes an integration; the typed name must match (admin only). */
export const deleteIntegrationAction = defineAction({ name: 'integration.delete', role: 'admin', input: deleteIntegrationSchema }, async (input, { user, ip }) => {
  const current = await getIntegration(input.integrationId);
  if (!current) return fail('not_found', 'This integration no longer exists.');
  if (input.confirmName.trim() !== current.name) return fail('invalid_input', 'The name does not match.', { confirmName: [`Type ${current.name} exactly`] });
  await deleteIntegration(current.id);
  await recordAudit({ actor: actor(user), action: 'integration.delete', outcome: 'success', target: { type: 'integration', id: current.id, label: current.name }, integrationId: current.id, ip });
  revalidatePath('/integrations');
  redirect('/integrations');
});
