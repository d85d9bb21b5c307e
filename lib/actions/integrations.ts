'use server';

import { recordAudit, userActor, type AuditOutcome } from '@/lib/audit';
import { authModeAfter, recordTest, runConnectionTest } from '@/lib/integrations/health';
import {
  clearPendingKey,
  createIntegration,
  deleteIntegration,
  getIntegration,
  openCredentials,
  openPendingKey,
  setPendingKey,
  setRateLimitShare,
  updateIntegration,
  type Integration,
} from '@/lib/integrations/store';
import { verifyWriteAccess, writeAccessOf } from '@/lib/integrations/write-access';
import { generateKeyPair, type OktaCredentials } from '@/lib/okta';
import { checkField } from '@/lib/setup/connection';
import { deleteDraft, draftCredentials, getDraft } from '@/lib/setup/drafts';
import {
  deleteIntegrationSchema,
  generateRotationKeySchema,
  integrationRefSchema,
  rateLimitShareSchema,
  renameIntegrationSchema,
  rotateKeySchema,
  saveIntegrationSchema,
} from '@/lib/validations/setup';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { defineAction, type ActionContext } from './action';
import { fail, ok } from './result';

const isUniqueViolation = (err: unknown) => err instanceof Error && /unique|duplicate/i.test(err.message);
const GONE = 'This integration no longer exists.';

/** The audit event of an action on one integration (the action's gate name is its audit action). */
const auditIntegration = (
  ctx: Pick<ActionContext, 'user' | 'ip'>,
  action: string,
  integration: { id: string; name: string },
  outcome: AuditOutcome,
  more: { detail?: Record<string, unknown>; oktaRequestId?: string | null } = {},
) =>
  recordAudit({
    actor: userActor(ctx.user),
    action,
    outcome,
    target: { type: 'integration', id: integration.id, label: integration.name },
    integrationId: integration.id,
    ip: ctx.ip,
    ...more,
  });

/** Turns the wizard's draft into an integration: after a passing test, or "save anyway" with the warning kept. */
export const saveIntegrationAction = defineAction(
  { name: 'integration.create', role: 'admin', input: saveIntegrationSchema },
  async (input, { user, ip }) => {
    const draft = await getDraft(user.id);
    const creds = await draftCredentials(user.id);
    if (!draft || draft.id !== input.draftId || !creds || !draft.name)
      return fail('not_found', 'This setup draft is incomplete or gone; start again.');
    const test = draft.lastTest;
    if (!test?.ok && !input.acceptWarning)
      return fail('conflict', 'The connection test has not passed. Test again, or choose “Save anyway”.');
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
      if (isUniqueViolation(err))
        return fail(
          'conflict',
          'An integration with this name already exists. Go back to Connection details and rename it.',
        );
      throw err;
    }
    if (test) await recordTest(created, test.report, user.id);
    await deleteDraft(user.id);
    await auditIntegration({ user, ip }, 'integration.create', created, 'success', {
      detail: {
        domain: created.oktaDomain,
        testPassed: Boolean(test?.ok),
        savedWithWarning: !test?.ok,
        problem: test?.report.problem?.code,
      },
    });
    revalidatePath('/integrations');
    redirect(`/integrations/${created.id}`);
  },
);

/** Tests a saved integration now and records its health. */
export const testIntegrationAction = defineAction(
  { name: 'integration.test', role: 'operator', input: integrationRefSchema },
  async (input, { user, ip }) => {
    const current = await getIntegration(input.integrationId);
    const creds = await openCredentials(input.integrationId);
    if (!current || !creds) return fail('not_found', GONE);
    const report = await runConnectionTest(creds);
    await recordTest(current, report, user.id);
    await auditIntegration({ user, ip }, 'integration.test', current, report.ok ? 'success' : 'failure', {
      detail: { problem: report.problem?.code },
      oktaRequestId: report.problem?.requestId ?? null,
    });
    revalidatePath(`/integrations/${current.id}`);
    revalidatePath('/integrations');
    const after = await getIntegration(current.id);
    return ok({
      ok: report.ok,
      problem: report.problem?.title ?? null,
      writeAccess: after ? writeAccessOf(after).state : 'unverified',
    });
  },
);

/** Verify write access: one membership that already exists is sent to Okta again (changes nothing), and the verdict recorded. */
export const verifyWriteAccessAction = defineAction(
  { name: 'integration.verify_write', role: 'operator', input: integrationRefSchema },
  async (input, { user, ip }) => {
    const current = await getIntegration(input.integrationId);
    if (!current) return fail('not_found', GONE);
    const result = await verifyWriteAccess(current.id);
    await auditIntegration(
      { user, ip },
      'integration.verify_write',
      current,
      result.state === 'yes' ? 'success' : result.state === 'no' ? 'denied' : 'failure',
      {
        detail: { result: result.state, message: result.message },
        oktaRequestId: result.requestId ?? null,
      },
    );
    revalidatePath(`/integrations/${current.id}`);
    revalidatePath('/integrations');
    return ok(result);
  },
);

/** Renames an integration (admin only). */
export const renameIntegrationAction = defineAction(
  { name: 'integration.rename', role: 'admin', input: renameIntegrationSchema },
  async (input, { user, ip }) => {
    const current = await getIntegration(input.integrationId);
    if (!current) return fail('not_found', GONE);
    try {
      await updateIntegration(current.id, { name: input.name }, user.id);
    } catch (err) {
      if (isUniqueViolation(err))
        return fail('conflict', 'Another integration already has this name.', { name: ['Already in use'] });
      throw err;
    }
    await auditIntegration({ user, ip }, 'integration.rename', { id: current.id, name: input.name }, 'success', {
      detail: { from: current.name },
    });
    revalidatePath(`/integrations/${current.id}`);
    return ok(undefined, `Renamed to ${input.name}.`);
  },
);

/** Sets the share of Okta's rate limits the console may use for this integration (admin only). */
export const setRateLimitShareAction = defineAction(
  { name: 'integration.rate_limit_share', role: 'admin', input: rateLimitShareSchema },
  async (input, { user, ip }) => {
    const current = await getIntegration(input.integrationId);
    if (!current) return fail('not_found', 'This integration no longer exists.');
    await setRateLimitShare(current.id, input.share, user.id);
    await recordAudit({
      actor: userActor(user),
      action: 'integration.rate_limit_share',
      outcome: 'success',
      target: { type: 'integration', id: current.id, label: current.name },
      integrationId: current.id,
      detail: { from: current.rateLimitShare, to: input.share },
      ip,
    });
    revalidatePath(`/integrations/${current.id}`);
    return ok(
      undefined,
      input.share === 100
        ? 'The console now uses all that Okta leaves of each rate limit.'
        : `The console now leaves ${100 - input.share}% of each rate limit to other tools.`,
    );
  },
);

/** Tests a new key with the integration's other credentials and swaps it in only if the test passes. */
async function rotateTo(
  current: Integration,
  creds: OktaCredentials,
  key: { privateKey: string; kid: string },
  ctx: ActionContext,
) {
  const parsed = checkField('privateKey', { privateKey: key.privateKey, keyId: key.kid });
  if (!parsed.ok) return fail('invalid_input', 'Check the highlighted fields.', { privateKey: [parsed.message] });
  const report = await runConnectionTest({ ...creds, keyId: key.kid || undefined, privateKey: key.privateKey });
  if (!report.ok) {
    await auditIntegration(ctx, 'integration.rotate_key', current, 'failure', {
      detail: { problem: report.problem?.code, kept: 'old key' },
    });
    return ok({ rotated: false, report }, 'The new key did not pass the test; the old key is still in use.');
  }
  const updated = await updateIntegration(
    current.id,
    {
      privateKey: key.privateKey,
      keyId: key.kid || null,
      keyType: parsed.key!.type,
      keyThumbprint: parsed.key!.thumbprint,
    },
    ctx.user.id,
  );
  await clearPendingKey(current.id);
  if (updated) await recordTest(updated, report, ctx.user.id);
  await auditIntegration(ctx, 'integration.rotate_key', current, 'success', {
    detail: { thumbprint: parsed.key!.thumbprint },
  });
  revalidatePath(`/integrations/${current.id}`);
  return ok({ rotated: true, report }, 'Key rotated: the new key passed the test and replaced the old one.');
}

/** Replaces the private key with a pasted one, only after it passes a full connection test (admin only). */
export const rotateIntegrationKeyAction = defineAction(
  { name: 'integration.rotate_key', role: 'admin', input: rotateKeySchema },
  async (input, ctx) => {
    const current = await getIntegration(input.integrationId);
    const creds = await openCredentials(input.integrationId);
    if (!current || !creds) return fail('not_found', GONE);
    const kid = checkField('keyId', input);
    if (!kid.ok) return fail('invalid_input', 'Check the highlighted fields.', { keyId: [kid.message] });
    return rotateTo(current, creds, { privateKey: input.privateKey, kid: kid.value }, ctx);
  },
);

/** Makes a new key pair on the server for rotation; the private key waits, sealed, until it passes a test. */
export const generateRotationKeyAction = defineAction(
  { name: 'integration.generate_rotation_key', role: 'admin', input: generateRotationKeySchema },
  async (input, { user, ip }) => {
    const current = await getIntegration(input.integrationId);
    if (!current) return fail('not_found', GONE);
    const pair = await generateKeyPair(input.alg);
    await setPendingKey(
      current.id,
      { privateKey: pair.privateKeyPem, kid: pair.kid, publicJwk: pair.publicJwk },
      user.id,
    );
    await auditIntegration({ user, ip }, 'integration.generate_rotation_key', current, 'success', {
      detail: { kid: pair.kid },
    });
    revalidatePath(`/integrations/${current.id}`);
    return ok({ kid: pair.kid, publicJwk: pair.publicJwk });
  },
);

/** Tests the console-generated pending key and, if it passes, makes it the integration's key. */
export const rotateToGeneratedKeyAction = defineAction(
  { name: 'integration.rotate_to_generated_key', role: 'admin', input: integrationRefSchema },
  async (input, ctx) => {
    const current = await getIntegration(input.integrationId);
    const creds = await openCredentials(input.integrationId);
    const pending = await openPendingKey(input.integrationId);
    if (!current || !creds) return fail('not_found', GONE);
    if (!pending) return fail('conflict', 'Generate a new key pair first.');
    return rotateTo(current, creds, pending, ctx);
  },
);

/** Deletes an integration; the typed name must match (admin only). */
export const deleteIntegrationAction = defineAction(
  { name: 'integration.delete', role: 'admin', input: deleteIntegrationSchema },
  async (input, { user, ip }) => {
    const current = await getIntegration(input.integrationId);
    if (!current) return fail('not_found', GONE);
    if (input.confirmName.trim() !== current.name)
      return fail('invalid_input', 'The name does not match.', { confirmName: [`Type ${current.name} exactly`] });
    await deleteIntegration(current.id);
    await auditIntegration({ user, ip }, 'integration.delete', current, 'success');
    revalidatePath('/integrations');
    redirect('/integrations');
  },
);
