'use client';

import { Picker, type PickerItem } from '@/components/directory/picker';
import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { GrantEndFields, grantEndInput, useGrantEnd } from '@/components/grants/grant-end-fields';
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from '@/components/ui/form';
import { Textarea } from '@/components/ui/textarea';
import { KINDS } from '@/lib/access/kinds';
import { ACTION_BODY_LIMIT_BYTES, callAction, tooLargeMessage } from '@/lib/actions/call-action';
import { discardPreviewAction, previewBulkJobAction } from '@/lib/actions/jobs';
import type { FieldErrors } from '@/lib/actions/result';
import type { GrantLimits } from '@/lib/grants/rules';
import { JOB_KINDS, MAX_ENTRIES, type JobKind, type JobView } from '@/lib/jobs/types';
import { previewBulkJobSchema } from '@/lib/validations/jobs';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ChangeEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { PreviewPanel } from './preview-panel';

type BulkInput = z.input<typeof previewBulkJobSchema>;
const SPLIT = 'Split the list into several jobs.';

/** Operation + target + pasted or uploaded users → a preview to confirm. */
export function BulkForm({
  integrationId,
  kind,
  target,
  grantLimits,
}: {
  integrationId: string;
  kind: JobKind;
  target: PickerItem | null;
  /** A job that gives access may end within these limits (each landed row a time-bound grant). */
  grantLimits: GrantLimits;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState<JobView | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const end = useGrantEnd();
  const [endErrors, setEndErrors] = useState<FieldErrors | undefined>();
  const form = useForm<BulkInput>({
    resolver: zodResolver(previewBulkJobSchema),
    defaultValues: { integrationId, kind, targetId: target && !target.unavailable ? target.id : '', text: '' },
    mode: 'onSubmit',
  });
  const chosenKind = useWatch({ control: form.control, name: 'kind' });
  const group = KINDS[chosenKind].relation.resource === 'group';
  const timeBound = 'timeBound' in KINDS[chosenKind];

  const forget = () => {
    if (preview) void discardPreviewAction({ jobId: preview.id });
    setPreview(null);
  };

  async function onSubmit(input: BulkInput) {
    setFormError(null);
    const until = 'timeBound' in KINDS[input.kind] ? grantEndInput(end.value) : {};
    const res = await callAction(previewBulkJobAction, { ...input, ...until }, SPLIT);
    setEndErrors(res.ok ? undefined : res.fieldErrors);
    if (!res.ok) {
      setFormError(res.code === 'invalid_input' && res.fieldErrors ? null : res.error);
      for (const [name, messages] of Object.entries(res.fieldErrors ?? {}))
        if (messages?.[0] && name !== 'expiresAt' && name !== 'reason')
          form.setError(name as keyof BulkInput, { message: messages[0] });
      return;
    }
    forget();
    setPreview(res.data);
    requestAnimationFrame(() => document.getElementById('bulk-preview')?.focus());
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    if (file.size > ACTION_BODY_LIMIT_BYTES) {
      form.setError('text', { message: tooLargeMessage(file.size, SPLIT) });
      return;
    }
    setFileName(file.name);
    form.setValue('text', await file.text(), { shouldDirty: true });
    form.clearErrors('text');
  }

  return (
    <div className="grid grid-cols-1 gap-6">
      <Form {...form}>
        <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-5" noValidate aria-label="Bulk change">
          <FormError message={formError} />
          <FormField
            control={form.control}
            name="kind"
            render={({ field }) => (
              <FormItem>
                <fieldset className="grid gap-2">
                  <legend className="mb-2 text-sm font-medium">Operation</legend>
                  <div className="flex flex-wrap gap-2">
                    {JOB_KINDS.map((k) => (
                      <label
                        key={k}
                        className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-accent has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50"
                      >
                        <input
                          type="radio"
                          name={field.name}
                          value={k}
                          checked={field.value === k}
                          onChange={() => {
                            if (KINDS[k].relation.resource !== KINDS[field.value].relation.resource) {
                              form.setValue('targetId', '');
                              setPickerKey((n) => n + 1);
                            }
                            field.onChange(k);
                            forget();
                          }}
                          className="accent-primary"
                        />
                        {KINDS[k].label}
                      </label>
                    ))}
                  </div>
                </fieldset>
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="targetId"
            render={({ fieldState }) => (
              <FormItem className="w-full max-w-96">
                <Picker
                  key={`${group ? 'g' : 'a'}-${pickerKey}`}
                  integrationId={integrationId}
                  kind={group ? 'groups' : 'apps'}
                  label={group ? 'Group' : 'Application'}
                  name="targetId"
                  purpose={KINDS[chosenKind].relation.id}
                  initial={
                    pickerKey === 0 && target && (KINDS[kind].relation.resource === 'group') === group ? target : null
                  }
                  onPick={(item) => {
                    form.setValue('targetId', item?.id ?? '');
                    if (item) form.clearErrors('targetId');
                    forget();
                  }}
                />
                {fieldState.error ? <p className="text-sm text-destructive">{fieldState.error.message}</p> : null}
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="text"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Users</FormLabel>
                <FormControl>
                  <Textarea
                    {...field}
                    rows={8}
                    className="font-mono text-xs"
                    placeholder={'ada@example.com\nbob.smith\n00u1a2b3c4d5e6f7g8h9'}
                    spellCheck={false}
                  />
                </FormControl>
                <FormDescription>
                  Logins, emails or Okta user ids: one per line, or a CSV with a login, email or id column. Up to{' '}
                  {MAX_ENTRIES.toLocaleString('en-US')} users.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <div className="grid gap-2">
            <label htmlFor="bulk-file" className="text-sm font-medium">
              Or upload a file (.csv or .txt)
            </label>
            <input
              id="bulk-file"
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              onChange={onFile}
              className="text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm"
            />
            <p className="text-xs text-muted-foreground" aria-live="polite">
              {fileName ? `Loaded ${fileName} into Users.` : 'The file’s text goes into Users, where you can check it.'}
            </p>
          </div>
          {timeBound ? (
            <GrantEndFields
              limits={grantLimits}
              value={end.value}
              onChange={(v) => {
                end.setValue(v);
                forget();
              }}
              errors={endErrors}
            />
          ) : null}
          <div>
            <SubmitButton pending={form.formState.isSubmitting} pendingText="Looking up users in Okta…">
              Preview
            </SubmitButton>
          </div>
        </form>
      </Form>
      {preview ? (
        <section
          id="bulk-preview"
          tabIndex={-1}
          aria-labelledby="preview-heading"
          className="grid gap-4 rounded-lg border p-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <h2 id="preview-heading" className="text-lg font-semibold">
            Preview: {KINDS[preview.kind].label.toLowerCase()} · {preview.targetLabel}
          </h2>
          <PreviewPanel job={preview} canOperate onDiscarded={() => setPreview(null)} />
        </section>
      ) : null}
    </div>
  );
}
