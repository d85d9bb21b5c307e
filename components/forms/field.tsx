import { Slot } from 'radix-ui';
import { useId, type ComponentProps, type ReactElement, type ReactNode } from 'react';

import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';

export type FieldControlProps = {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

export type FieldProps = Omit<ComponentProps<'input'>, 'name' | 'id' | 'children'> & {
  name: string;
  label: ReactNode;
  /** Field errors from the action result, e.g. `state.fieldErrors?.email`. The first one is shown. */
  error?: string[];
  description?: ReactNode;
  id?: string;
  className?: string;
  /**
   * The control. Omit it for a plain <Input> (extra props go to it). Pass one element (it receives id, name,
   * aria-invalid and aria-describedby) or a function of those props for controls that need them elsewhere.
   */
  children?: ReactElement | ((control: FieldControlProps) => ReactNode);
};

/** Label + control + description + error for `useActionState` forms; wires the ARIA links. */
export function Field({ name, label, error, description, id, className, children, ...inputProps }: FieldProps) {
  const autoId = useId();
  const controlId = id ?? `${name}-${autoId}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const message = error?.[0];
  const errorId = message ? `${controlId}-error` : undefined;
  const control: FieldControlProps = {
    id: controlId,
    name,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': [descriptionId, errorId].filter(Boolean).join(' ') || undefined,
  };

  let rendered: ReactNode;
  if (typeof children === 'function') rendered = children(control);
  else if (children) rendered = <Slot.Root {...control}>{children}</Slot.Root>;
  else rendered = <Input {...inputProps} {...control} />;

  return (
    <div data-slot="field" data-invalid={message ? true : undefined} className={cn('group grid gap-2', className)}>
      <label
        htmlFor={controlId}
        className="text-sm leading-none font-medium group-data-[invalid=true]:text-destructive"
      >
        {label}
      </label>
      {rendered}
      {description ? (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} className="text-sm text-destructive">
          {message}
        </p>
      ) : null}
    </div>
  );
}
