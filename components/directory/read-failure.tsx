import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Mono } from '@/components/ui/mono';
import type { ReadFailure } from '@/lib/queries/okta-read';
import Link from 'next/link';

/** Okta's reason a page could not be read, with its request id and where to look next. */
export function ReadFailureNotice({ failure, what }: { failure: ReadFailure; what: string }) {
  return (
    <Alert variant="destructive" role="alert">
      <AlertTitle>Could not read {what} from Okta</AlertTitle>
      <AlertDescription>
        <p>{failure.message}</p>
        {failure.requestId ? (
          <p className="mt-2 text-foreground">
            Okta request id: <Mono value={failure.requestId} label="Okta request id" />
          </p>
        ) : null}
        <p className="mt-2 text-foreground">
          <Link href={`/integrations/${failure.integrationId}`} className="underline underline-offset-4">
            Open the integration
          </Link>{' '}
          to test it: the test names the cause and the fix.
        </p>
      </AlertDescription>
    </Alert>
  );
}
