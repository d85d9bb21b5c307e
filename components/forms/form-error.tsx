import { CircleExclamationPoint } from 'lucide-react';

import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { cn } from '@/lib/utils';

export type FormErrorProps = {
  /** The form-level message (e.g. `state.error`); nothing renders when it is empty. */
  message?: string | null;
  title?: string;
  className?: string;
};

/** A form-level error, announced to screen readers when it appears. */
export function FormError({ message, title, className }: FormErrorProps) {
  if (!message) return null;
  return (
    <Alert variant="destructive" role="alert" className={cn(className)}>
      <CircleExclamationPoint aria-hidden="true" />
      {title ? (
        <>
          <AlertTitle>{title}</AlertTitle>
          <AlertDescription>{message}</AlertDescription>
        </>
      ) : (
        <AlertDescription className="text-destructive">{message}</AlertDescription>
      )}
    </Alert>
  );
}
