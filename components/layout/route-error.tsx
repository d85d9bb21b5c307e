'use client';

import { Button } from '@/components/ui/button';
import { TriangleAlert } from 'lucide-react';

/** Body of every error.tsx: a plain sentence and a retry; the digest lets an admin find the server log line. */
export function RouteError({
  error,
  reset,
  what,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  what: string;
}) {
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <TriangleAlert className="size-8 text-destructive" aria-hidden="true" />
      <h2 className="text-lg font-semibold">Could not load {what}</h2>
      <p className="text-sm text-muted-foreground">
        The server hit an unexpected error. Try again; if it keeps happening, check the server log
        {error.digest ? (
          <>
            {' '}
            for reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
