'use client';

import { FormError } from '@/components/forms/form-error';
import { SubmitButton } from '@/components/forms/submit-button';
import { PublicKeyToPaste } from '@/components/integrations/public-key-to-paste';
import { Button } from '@/components/ui/button';
import { chooseKeySourceAction, generateConsoleKeyAction } from '@/lib/actions/setup';
import { cn } from '@/lib/utils';
import { KeyRound } from 'lucide-react';
import { useState, useTransition } from 'react';
import { useStepAction } from '../_components/use-step-action';

type Source = 'okta' | 'console';
type PublicJwk = Record<string, unknown>;

export function ClientAuthForm(props: { keySource: Source | null; publicJwk: PublicJwk | null; kid: string | null }) {
  const [source, setSource] = useState<Source>(props.keySource ?? 'okta');
  const [generated, setGenerated] = useState({ jwk: props.publicJwk, kid: props.kid });
  const [genError, setGenError] = useState<string | null>(null);
  const [generating, startGenerating] = useTransition();
  const { state, formAction, errors } = useStepAction(chooseKeySourceAction);

  const generate = () =>
    startGenerating(async () => {
      const res = await generateConsoleKeyAction({ alg: 'RS256' });
      if (res.ok) {
        setGenerated({ jwk: res.data.publicJwk, kid: res.data.kid });
        setGenError(null);
      } else setGenError(res.error);
    });

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormError message={(state && !state.ok ? (errors?.keySource?.[0] ?? state.error) : null) ?? genError} />
      <fieldset className="grid gap-3 md:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">Who generates the key pair?</legend>
        {(
          [
            [
              'okta',
              'Okta generates it',
              'You copy the private key (PEM) and KID from Okta and paste them in the next-but-one step.',
            ],
            [
              'console',
              'This console generates it',
              'The private key never leaves this server. You paste the public key into Okta’s Add key dialog.',
            ],
          ] as const
        ).map(([value, title, text]) => (
          <label
            key={value}
            className={cn(
              'grid cursor-pointer gap-1 rounded-lg border p-4 text-sm has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50',
              source === value && 'border-primary bg-accent',
            )}
          >
            <span className="flex items-center gap-2 font-medium">
              <input
                type="radio"
                name="keySource"
                value={value}
                checked={source === value}
                onChange={() => setSource(value)}
                className="accent-primary"
              />
              {title}
            </span>
            <span className="text-muted-foreground">{text}</span>
          </label>
        ))}
      </fieldset>
      {source === 'console' ? (
        <div className="grid gap-3 rounded-lg border p-4">
          {generated.jwk ? (
            <>
              <PublicKeyToPaste jwk={generated.jwk} kid={generated.kid ?? ''} label="Public key (JWK)" />
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="w-fit"
                onClick={generate}
                disabled={generating}
              >
                Generate a different pair
              </Button>
            </>
          ) : (
            <Button
              type="button"
              className="w-fit"
              onClick={generate}
              disabled={generating}
              aria-busy={generating || undefined}
            >
              <KeyRound aria-hidden="true" />
              {generating ? 'Generating…' : 'Generate key pair'}
            </Button>
          )}
        </div>
      ) : null}
      <SubmitButton className="w-fit" pendingText="Saving…">
        Continue
      </SubmitButton>
    </form>
  );
}
