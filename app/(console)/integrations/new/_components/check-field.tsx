import type { ReactNode } from 'react';

/** A labelled checkbox with its error, for the wizard's "I have done this" confirmations. */
export function CheckField({
  name,
  label,
  hint,
  error,
  defaultChecked,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[];
  defaultChecked?: boolean;
}) {
  const id = `check-${name}`;
  return (
    <div className="grid gap-1">
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          className="mt-0.5 size-4 shrink-0 accent-primary"
        />
        <label htmlFor={id} className="text-sm leading-snug">
          {label}
          {hint ? (
            <span id={`${id}-hint`} className="block text-muted-foreground">
              {hint}
            </span>
          ) : null}
        </label>
      </div>
      {error?.[0] ? (
        <p id={`${id}-error`} className="pl-7 text-sm text-destructive">
          {error[0]}
        </p>
      ) : null}
    </div>
  );
}
