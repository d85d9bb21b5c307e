'use client';

import { Field } from '@/components/forms/field';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/mono';
import { NativeSelect } from '@/components/ui/select';
import { createApiTokenAction } from '@/lib/actions/api-tokens';
import { callAction } from '@/lib/actions/call-action';
import type { ActionResult } from '@/lib/actions/result';
import { KeyRound } from 'lucide-react';
import { useActionState, useEffect, useRef, useState } from 'react';

type State = ActionResult<{ id: string; name: string; secret: string }> | null;

const EXPIRY = [
  ['never', 'Never (until revoked)'],
  ['7', 'In 7 days'],
  ['30', 'In 30 days'],
  ['90', 'In 90 days'],
  ['365', 'In 1 year'],
] as const;

const ACCESS = [
  ['read', 'Read', 'Search people, groups and apps; check memberships and app access'],
  ['write', 'Write', 'Read, plus add and remove members and assign and unassign apps'],
] as const;

function FieldsetError({ id, messages }: { id: string; messages?: string[] }) {
  return messages?.[0] ? (
    <p id={id} className="text-sm text-destructive">
      {messages[0]}
    </p>
  ) : null;
}

/** Shows a new token's secret once; it is gone from the page when dismissed and never shown again. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <Alert variant="success" role="status">
      <KeyRound aria-hidden="true" />
      <AlertTitle>Token “{name}” created: copy it now</AlertTitle>
      <AlertDescription className="grid gap-3">
        <p>
          This is the only time the console shows this token. It stores a hash only, so nobody can show it again; if it
          is lost, revoke it and create another.
        </p>
        <Mono value={secret} label="API token" className="text-foreground" />
        <p>
          Send it as <code className="font-mono">Authorization: Bearer …</code> to{' '}
          <code className="font-mono">/api/v1</code>.
        </p>
        <Button variant="outline" size="sm" className="w-fit" onClick={onDone}>
          I have copied it
        </Button>
      </AlertDescription>
    </Alert>
  );
}

export function CreateApiTokenForm({ integrations }: { integrations: { id: string; name: string }[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState<State, FormData>(
    (_prev, fd) => callAction(createApiTokenAction, fd),
    null,
  );
  const [dismissed, setDismissed] = useState<string | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const created = state?.ok && state.data.id !== dismissed ? state.data : null;

  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  if (integrations.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        Connect an integration first: a token is always limited to chosen integrations.
      </p>
    );

  return (
    <div className="grid gap-6">
      {created ? (
        <NewSecret name={created.name} secret={created.secret} onDone={() => setDismissed(created.id)} />
      ) : null}
      <form ref={formRef} action={formAction} className="grid max-w-lg gap-5" noValidate>
        <FormError message={state && !state.ok && state.code !== 'invalid_input' ? state.error : null} />
        <Field
          name="name"
          label="Token name"
          description="Say what uses it, e.g. “Joiner workflow”."
          error={errors?.name}
          required
        />
        <fieldset className="grid gap-2" aria-describedby={errors?.access ? 'token-access-error' : undefined}>
          <legend className="mb-2 text-sm font-medium">Access</legend>
          {ACCESS.map(([value, label, hint], i) => (
            <label key={value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="access"
                value={value}
                defaultChecked={i === 0}
                className="mt-0.5 size-4 accent-primary"
              />
              <span>
                <span className="font-medium">{label}</span> <span className="text-muted-foreground">— {hint}</span>
              </span>
            </label>
          ))}
          <FieldsetError id="token-access-error" messages={errors?.access} />
        </fieldset>
        <fieldset
          className="grid gap-2"
          aria-describedby={errors?.integrationIds ? 'token-integrations-error' : 'token-integrations-hint'}
        >
          <legend className="mb-2 text-sm font-medium">Integrations</legend>
          <p id="token-integrations-hint" className="text-sm text-muted-foreground">
            The token can use only the integrations ticked here; integrations connected later are not included.
          </p>
          {integrations.map((i) => (
            <label key={i.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="integrationIds" value={i.id} className="size-4 accent-primary" />
              {i.name}
            </label>
          ))}
          <FieldsetError id="token-integrations-error" messages={errors?.integrationIds} />
        </fieldset>
        <Field name="expiresInDays" label="Expires" error={errors?.expiresInDays}>
          {(control) => (
            <NativeSelect {...control} defaultValue="90">
              {EXPIRY.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <SubmitButton pendingText="Creating…" className="w-fit">
          Create token
        </SubmitButton>
      </form>
    </div>
  );
}
