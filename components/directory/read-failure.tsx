import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Mono } from '@/components/ui/mono';
import Link from 'next/link';

/**
 * What could not be shown, in its place: the reason (Okta's, with its request id) and a way on. A whole page
 * names what it could not read and links to the integration, whose test names the cause and the fix; a list
 * whose page link was the problem offers its first page.
 */
export function ReadFailure({
  message,
  requestId,
  what,
  integrationId,
  firstPageHref,
}: {
  message: string;
  requestId?: string;
  /** What could not be read ("this user"): the notice's title. */
  what?: string;
  /** Offered as "Open the integration" to test it. */
  integrationId?: string;
  /** Offered when the page link itself was the problem. */
  firstPageHref?: string;
}) {
  return (
    <Alert variant="destructive" role="alert">
      {what ? <AlertTitle>Could not read {what} from Okta</AlertTitle> : null}
      <AlertDescription className="grid gap-1">
        <p>{message}</p>
        {requestId ? (
          <p className="text-foreground">
            Okta request id <Mono value={requestId} label="Okta request id" />
          </p>
        ) : null}
        {integrationId ? (
          <p className="text-foreground">
            <Link href={`/integrations/${integrationId}`} className="underline underline-offset-4">
              Open the integration
            </Link>{' '}
            to test it: the test names the cause and the fix.
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
