import { Alert, AlertDescription } from '@/components/ui/alert';
import { Mono } from '@/components/ui/mono';
import Link from 'next/link';

/** A list that could not be shown, in place of its rows: the reason (Okta's, with its request id) and a way on. */
export function ListFailure({
  message,
  requestId,
  firstPageHref,
}: {
  message: string;
  requestId?: string;
  /** Offered when the page link itself was the problem. */
  firstPageHref?: string;
}) {
  return (
    <Alert variant="destructive" role="alert">
      <AlertDescription className="grid gap-1">
        <p>{message}</p>
        {requestId ? (
          <p>
            Okta request id <Mono value={requestId} label="Okta request id" />
          </p>
        ) : null}
        {firstPageHref ? (
          <p>
            <Link href={firstPageHref} className="underline underline-offset-4">
              Go to the first page
            </Link>
          </p>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
