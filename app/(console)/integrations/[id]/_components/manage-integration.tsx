'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { ConnectionReport, type ReportView } from '@/components/integrations/connection-report';
import { PublicKeyToPaste } from '@/components/integrations/public-key-to-paste';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { callAction } from '@/lib/actions/call-action';
import {
  deleteIntegrationAction,
  generateRotationKeyAction,
  renameIntegrationAction,
  rotateIntegrationKeyAction,
  rotateToGeneratedKeyAction,
  setRateLimitShareAction,
} from '@/lib/actions/integrations';
import type { ActionResult } from '@/lib/actions/result';
import { useActionState, useEffect, useState, useTransition } from 'react';
import { toast } from 'sonner';

type R<T> = ActionResult<T> | null;

/** A small settings form's action: its last result, and a toast when it succeeds. */
function useSettingAction(run: (fd: FormData) => Promise<ActionResult<undefined>>) {
  const [state, action] = useActionState<R<undefined>, FormData>((_p, fd) => callAction(run, fd), null);
  useEffect(() => {
    if (state?.ok) toast.success(state.message);
  }, [state]);
  return [state, action] as const;
}

export function RenameForm({ integrationId, name }: { integrationId: string; name: string }) {
  const [state, action] = useSettingAction(renameIntegrationAction);
  return (
    <form action={action} className="grid max-w-md gap-3" noValidate>
      <input type="hidden" name="integrationId" value={integrationId} />
      <FormError message={state && !state.ok && !state.fieldErrors ? state.error : null} />
      <Field
        name="name"
        label="Name"
        defaultValue={name}
        error={state && !state.ok ? state.fieldErrors?.name : undefined}
      />
      <SubmitButton variant="outline" className="w-fit" pendingText="Renaming…">
        Rename
      </SubmitButton>
    </form>
  );
}

export function RateLimitShareForm({ integrationId, share }: { integrationId: string; share: number }) {
  const [state, action] = useSettingAction(setRateLimitShareAction);
  return (
    <form action={action} className="grid max-w-md gap-3" noValidate>
      <input type="hidden" name="integrationId" value={integrationId} />
      <FormError message={state && !state.ok && !state.fieldErrors ? state.error : null} />
      <Field
        name="share"
        label="Share of each rate limit the console may use (%)"
        type="number"
        inputMode="numeric"
        min={10}
        max={100}
        step={1}
        className="max-w-40"
        defaultValue={share}
        description="100% spends all that Okta leaves. Lower it to leave room for the org's other tools: bulk jobs then stop short of the rest."
        error={state && !state.ok ? state.fieldErrors?.share : undefined}
      />
      <SubmitButton variant="outline" className="w-fit" pendingText="Saving…">
        Save share
      </SubmitButton>
    </form>
  );
}

export function RotateKeyForm({ integrationId }: { integrationId: string }) {
  const [state, action] = useActionState<R<{ rotated: boolean; report: ReportView }>, FormData>(
    (_p, fd) =>
      callAction(
        rotateIntegrationKeyAction,
        fd,
        'A private key is a few kilobytes: paste only the key file’s contents.',
      ),
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok) (state.data.rotated ? toast.success : toast.error)(state.message);
  }, [state]);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <input type="hidden" name="integrationId" value={integrationId} />
      <FormError message={state && !state.ok && !errors ? state.error : null} />
      <Field
        name="privateKey"
        label="New private key"
        error={errors?.privateKey}
        description="Add the new key in Okta first. It replaces the current one only if the connection test passes with it."
      >
        {(control) => (
          <Textarea
            {...control}
            rows={5}
            spellCheck={false}
            autoComplete="off"
            className="field-sizing-fixed resize-y font-mono text-xs"
          />
        )}
      </Field>
      <Field name="keyId" label="New key ID (KID)" error={errors?.keyId} autoComplete="off" className="max-w-md" />
      <SubmitButton variant="outline" className="w-fit" pendingText="Testing the new key…">
        Test and rotate
      </SubmitButton>
      {state?.ok && !state.data.rotated ? <ConnectionReport report={state.data.report} /> : null}
    </form>
  );
}

export function DeleteForm({ integrationId, name }: { integrationId: string; name: string }) {
  const [typed, setTyped] = useState('');
  const [state, action] = useActionState<R<undefined>, FormData>(
    (_p, fd) => callAction(deleteIntegrationAction, fd),
    null,
  );
  return (
    <form action={action} className="grid max-w-md gap-3" noValidate>
      <input type="hidden" name="integrationId" value={integrationId} />
      <FormError message={state && !state.ok && !state.fieldErrors ? state.error : null} />
      <Field
        name="confirmName"
        label={`Type ${name} to confirm`}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        error={state && !state.ok ? state.fieldErrors?.confirmName : undefined}
        description="The console forgets this org and its sealed key. Nothing changes in Okta."
      />
      <SubmitButton variant="destructive" className="w-fit" disabled={typed !== name} pendingText="Deleting…">
        Delete integration
      </SubmitButton>
    </form>
  );
}

/** Rotation to a pair the console makes: add its public key in Okta, then test; the private key never leaves the server. */
export function GeneratedRotation({
  integrationId,
  pending,
}: {
  integrationId: string;
  pending: { kid: string; jwk: Record<string, unknown> } | null;
}) {
  const [current, setCurrent] = useState(pending);
  const [report, setReport] = useState<ReportView | null>(null);
  const [busy, start] = useTransition();
  const generate = () =>
    start(async () => {
      const res = await generateRotationKeyAction({ integrationId, alg: 'RS256' });
      if (res.ok) setCurrent({ kid: res.data.kid, jwk: res.data.publicJwk });
      else toast.error(res.error);
    });
  const rotate = () =>
    start(async () => {
      const res = await rotateToGeneratedKeyAction({ integrationId });
      if (!res.ok) return void toast.error(res.error);
      (res.data.rotated ? toast.success : toast.error)(res.message);
      setReport(res.data.rotated ? null : res.data.report);
      if (res.data.rotated) setCurrent(null);
    });
  return (
    <div className="grid gap-3">
      {current ? (
        <>
          <PublicKeyToPaste jwk={current.jwk} kid={current.kid} label="New public key (JWK)" />
          <div className="flex gap-2">
            <Button variant="outline" onClick={rotate} disabled={busy}>
              {busy ? 'Testing…' : 'Test and rotate to this key'}
            </Button>
            <Button variant="ghost" onClick={generate} disabled={busy}>
              Generate a different pair
            </Button>
          </div>
        </>
      ) : (
        <Button variant="outline" className="w-fit" onClick={generate} disabled={busy}>
          Generate a new key pair
        </Button>
      )}
      {report ? <ConnectionReport report={report} /> : null}
    </div>
  );
}
