'use client';

import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { AlreadyConnected } from '@/components/integrations/already-connected';
import { Button } from '@/components/ui/button';
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { callAction } from '@/lib/actions/call-action';
import { saveConnectionAction } from '@/lib/actions/setup';
import { connectionSchema, type ConnectionInput } from '@/lib/validations/setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { CheckCircle2, XCircle } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type DragEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useFieldCheck, type FieldCheckView } from './use-field-check';

function CheckLine({
  check,
  okText,
  onAccept,
  quiet = false,
}: {
  check: FieldCheckView | null;
  okText: (c: Extract<FieldCheckView, { ok: true }>) => string;
  /** Takes the value the check suggests instead of what was typed. */
  onAccept?: (value: string) => void;
  /** The field's own error already says what is wrong: offer only the suggestion. */
  quiet?: boolean;
}) {
  if (!check) return null;
  if (check.ok)
    return (
      <p className="flex items-start gap-1.5 text-sm text-success" role="status">
        <CheckCircle2 className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        {/* A key's thumbprint is one long word: it wraps anywhere rather than widen the form on a phone. */}
        <span className="min-w-0 [overflow-wrap:anywhere]">{okText(check)}</span>
      </p>
    );
  const { suggestion } = check;
  return (
    <div className="grid justify-items-start gap-2">
      {quiet ? null : (
        <p className="flex items-start gap-1.5 text-sm text-destructive" role="status">
          <XCircle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span className="min-w-0 [overflow-wrap:anywhere]">{check.message}</span>
        </p>
      )}
      {suggestion && onAccept ? (
        <Button type="button" variant="outline" size="sm" onClick={() => onAccept(suggestion)}>
          Use <span className="font-mono">{suggestion}</span>
        </Button>
      ) : null}
    </div>
  );
}

export function ConnectionForm({
  consoleKey,
  storedKey,
  defaults,
}: {
  consoleKey: boolean;
  storedKey: { type: string; thumbprint: string } | null;
  defaults: ConnectionInput;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ConnectionInput>({
    resolver: zodResolver(connectionSchema),
    defaultValues: defaults,
    mode: 'onTouched',
  });
  const values = useWatch({ control: form.control });
  const domain = useFieldCheck('domain', values, true);
  const clientId = useFieldCheck('clientId', values, true);
  const keyId = useFieldCheck('keyId', values, true);
  const key = useFieldCheck('privateKey', values, !consoleKey);

  async function onSubmit(input: ConnectionInput) {
    setFormError(null);
    const res = await callAction(
      saveConnectionAction,
      input,
      'A private key is a few kilobytes: paste only the key file’s contents.',
    );
    if (res.ok) {
      router.push(res.data.next);
      router.refresh();
      return;
    }
    setFormError(res.code === 'invalid_input' ? null : res.error);
    for (const [name, messages] of Object.entries(res.fieldErrors ?? {})) {
      if (messages?.[0]) form.setError(name as keyof ConnectionInput, { message: messages[0] });
    }
  }

  async function onDrop(e: DragEvent<HTMLTextAreaElement>) {
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    form.setValue('privateKey', await file.text(), { shouldValidate: true, shouldDirty: true });
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-5" noValidate>
        <FormError message={formError} />
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Integration name</FormLabel>
              <FormControl>
                <Input placeholder="Acme production" {...field} />
              </FormControl>
              <FormDescription>How this org is called in the console.</FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="domain"
          render={({ field, fieldState }) => (
            <FormItem>
              <FormLabel>Okta domain</FormLabel>
              <FormControl>
                <Input placeholder="acme.okta.com" autoComplete="off" spellCheck={false} {...field} />
              </FormControl>
              <FormMessage />
              <CheckLine
                check={domain}
                quiet={Boolean(fieldState.error)}
                okText={(c) => `Will connect to ${c.value}${c.note ? ` — ${c.note}` : ''}`}
                onAccept={(value) =>
                  form.setValue('domain', value, { shouldValidate: true, shouldDirty: true, shouldTouch: true })
                }
              />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="clientId"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Client ID</FormLabel>
              <FormControl>
                <Input placeholder="0oa…" autoComplete="off" spellCheck={false} className="font-mono" {...field} />
              </FormControl>
              <FormMessage />
              <CheckLine check={clientId} okText={() => 'Looks like an Okta client ID'} />
              {clientId?.ok && clientId.existing?.length ? <AlreadyConnected integrations={clientId.existing} /> : null}
            </FormItem>
          )}
        />
        {consoleKey ? (
          <p className="rounded-md border bg-muted/50 p-3 text-sm">
            Private key: generated by this console ({storedKey?.type}), sealed on the server. Thumbprint{' '}
            <code className="font-mono">{storedKey?.thumbprint}</code>
          </p>
        ) : (
          <FormField
            control={form.control}
            name="privateKey"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Private key</FormLabel>
                <FormControl>
                  <Textarea
                    rows={6}
                    spellCheck={false}
                    autoComplete="off"
                    // A pasted PEM is ~28 lines: the box keeps its six and scrolls, so the KID and Save stay in view.
                    className="field-sizing-fixed resize-y font-mono text-xs"
                    placeholder={
                      storedKey
                        ? 'A key is stored. Paste a new one to replace it.'
                        : '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----'
                    }
                    onDrop={(e) => void onDrop(e)}
                    {...field}
                  />
                </FormControl>
                <FormDescription>
                  PEM (PKCS#8 or PKCS#1), EC, or a private JWK. You can also drop a .pem or .json file here.
                  {storedKey ? ` Stored now: ${storedKey.type}, thumbprint ${storedKey.thumbprint}.` : ''}
                </FormDescription>
                <FormMessage />
                <CheckLine
                  check={key}
                  okText={(c) =>
                    `${c.key?.type ?? ''} key, ${c.key?.format ?? ''}, signs with ${c.key?.alg ?? ''} · thumbprint ${c.value}`
                  }
                />
                {key?.ok && key.key?.kidMismatch ? (
                  <p className="text-sm text-warning" role="status">
                    This JWK says its kid is “{key.key.jwkKid}”, which differs from the KID below. Okta matches the KID
                    you enter.
                  </p>
                ) : null}
              </FormItem>
            )}
          />
        )}
        <FormField
          control={form.control}
          name="keyId"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Key ID (KID)</FormLabel>
              <FormControl>
                <Input autoComplete="off" spellCheck={false} className="font-mono" {...field} />
              </FormControl>
              <FormMessage />
              {/* Space kept for the KID's line, so the button below does not move when the answer arrives. */}
              <div className="min-h-5">
                <CheckLine check={keyId} okText={(c) => c.note ?? 'KID format looks right'} />
              </div>
            </FormItem>
          )}
        />
        <SubmitButton className="w-fit" pending={form.formState.isSubmitting} pendingText="Checking…">
          Save and continue
        </SubmitButton>
      </form>
    </Form>
  );
}
