'use server';

import { recordAudit, userActor } from '@/lib/audit';
import { runConnectionTest } from '@/lib/integrations/health';
import { integrationsForApp } from '@/lib/integrations/store';
import { generateKeyPair, parsePrivateKey, type ConnectionReport } from '@/lib/okta';
import { checkField, describeKey, type KeySummary } from '@/lib/setup/connection';
import { draftCredentials, getDraft, updateDraft } from '@/lib/setup/drafts';
import { stepHref } from '@/lib/setup/steps';
import {
  connectionSchema,
  draftRefSchema,
  generateKeySchema,
  inspectSchema,
  keySourceSchema,
  stepSchema,
} from '@/lib/validations/setup';
import { revalidatePath } from 'next/cache';
import { defineAction } from './action';
import { fail, ok, type FieldErrors } from './result';

// The guided setup, one action per step. Progress lives in the admin's draft (lib/setup/drafts).

/** Completes an instructions step (prerequisites, app created, scopes and roles granted). */
export const completeSetupStepAction = defineAction(
  { name: 'setup.complete_step', role: 'admin', input: stepSchema },
  async (input, { user }) => {
    const draft = await updateDraft(user.id, { complete: input.step });
    return ok({ next: stepHref(draft.current) });
  },
);

/** Chooses who generates the key pair; the console path needs a generated key first. */
export const chooseKeySourceAction = defineAction(
  { name: 'setup.choose_key_source', role: 'admin', input: keySourceSchema },
  async (input, { user }) => {
    const draft = await getDraft(user.id);
    if (input.keySource === 'console' && !(draft?.keySource === 'console' && draft.publicJwk))
      return fail('invalid_input', 'Generate the key pair first.', {
        keySource: ['Generate the key pair, then add its public key in Okta'],
      });
    const updated = await updateDraft(user.id, { keySource: input.keySource, complete: 'client-auth' });
    return ok({ next: stepHref(updated.current) });
  },
);

/** Makes a key pair on the server; the private key is sealed in the draft and never leaves the server. */
export const generateConsoleKeyAction = defineAction(
  { name: 'setup.generate_key', role: 'admin', input: generateKeySchema },
  async (input, { user, ip }) => {
    const pair = await generateKeyPair(input.alg);
    const parsed = parsePrivateKey(pair.privateKeyPem, { kid: pair.kid });
    if (!parsed.ok) throw new Error('a freshly generated key did not parse');
    await updateDraft(user.id, {
      keySource: 'console',
      privateKey: pair.privateKeyPem,
      publicJwk: pair.publicJwk,
      keyId: pair.kid,
      keyType: describeKey(parsed.key).type,
      keyThumbprint: parsed.key.thumbprint,
    });
    await recordAudit({
      actor: userActor(user),
      action: 'setup.generate_key',
      outcome: 'success',
      detail: { alg: input.alg, kid: pair.kid },
      ip,
    });
    return ok({ publicJwk: pair.publicJwk, kid: pair.kid });
  },
);

/**
 * As-you-type check of one connection field; answers with public facts only (never key material). A client ID
 * checked with its domain also names the integrations already connected to that Okta app.
 */
export const inspectConnectionFieldAction = defineAction(
  { name: 'setup.inspect_field', role: 'admin', input: inspectSchema },
  async (input) => {
    const check = checkField(input.field, input);
    const domain = input.field === 'clientId' && input.domain ? checkField('domain', input) : undefined;
    if (!check.ok || !domain?.ok) return ok(check);
    const existing = await integrationsForApp(domain.value, check.value);
    return ok(existing.length > 0 ? { ...check, existing } : check);
  },
);

/** Saves the connection details into the draft after checking every field with lib/okta. */
export const saveConnectionAction = defineAction(
  { name: 'setup.save_connection', role: 'admin', input: connectionSchema },
  async (input, { user }) => {
    const draft = await getDraft(user.id);
    const consoleKey = draft?.keySource === 'console' && draft.hasKey;
    const fieldErrors: FieldErrors = {};
    const domain = checkField('domain', input);
    const clientId = checkField('clientId', input);
    const keyId = checkField('keyId', input);
    if (!domain.ok)
      fieldErrors.domain = [domain.suggestion ? `${domain.message} Use ${domain.suggestion}.` : domain.message];
    if (!clientId.ok) fieldErrors.clientId = [clientId.message];
    if (!keyId.ok) fieldErrors.keyId = [keyId.message];
    let key: KeySummary | undefined;
    if (input.privateKey.trim()) {
      const k = checkField('privateKey', input);
      if (k.ok) key = k.key;
      else fieldErrors.privateKey = [k.message];
    } else if (!draft?.hasKey) {
      fieldErrors.privateKey = ['Paste the private key (PEM or JWK) you saved when you generated it in Okta'];
    }
    if (Object.keys(fieldErrors).length) return fail('invalid_input', 'Check the highlighted fields.', fieldErrors);
    const updated = await updateDraft(user.id, {
      name: input.name,
      oktaDomain: domain.ok ? domain.value : undefined,
      clientId: clientId.ok ? clientId.value : undefined,
      keyId: keyId.ok && keyId.value ? keyId.value : null,
      ...(key &&
        !consoleKey && {
          privateKey: input.privateKey,
          keyType: key.type,
          keyThumbprint: key.thumbprint,
          keySource: 'okta' as const,
        }),
      complete: 'connection',
    });
    return ok({ next: stepHref(updated.current), kidMismatch: key?.kidMismatch ?? false });
  },
);

/** Runs the connection test on the draft and keeps the report; Okta's request ids come with it. */
export const testDraftConnectionAction = defineAction(
  { name: 'setup.test_connection', role: 'admin', input: draftRefSchema },
  async (input, { user, ip }) => {
    const draft = await getDraft(user.id);
    if (!draft || draft.id !== input.draftId)
      return fail('not_found', 'This setup draft no longer exists; start again.');
    const creds = await draftCredentials(user.id);
    if (!creds) return fail('conflict', 'Fill in the connection details first.');
    const report: ConnectionReport = await runConnectionTest(creds);
    await updateDraft(user.id, { test: report });
    await recordAudit({
      actor: userActor(user),
      action: 'setup.test_connection',
      outcome: report.ok ? 'success' : 'failure',
      target: { type: 'okta_org', label: creds.domain },
      detail: { problem: report.problem?.code },
      oktaRequestId: report.problem?.requestId ?? report.requestIds.at(-1) ?? null,
      ip,
    });
    revalidatePath('/integrations/new/test');
    return ok(report);
  },
);
