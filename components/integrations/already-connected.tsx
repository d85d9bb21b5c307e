import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';

/** The same Okta app connected before: a second integration would manage the same org twice. */
export function AlreadyConnected({ integrations }: { integrations: Array<{ id: string; name: string }> }) {
  return (
    <Alert variant="warning" role="status">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>This Okta app is already connected</AlertTitle>
      <AlertDescription>
        <p>
          The same domain and client ID are used by{' '}
          {integrations.map((i, n) => (
            <span key={i.id}>
              {n > 0 ? ', ' : ''}
              <Link href={`/integrations/${i.id}`} className="font-medium underline underline-offset-4">
                {i.name}
              </Link>
            </span>
          ))}
          . A second integration would manage the same org twice: open the existing one to test it or rotate its key,
          and continue here only if you mean to.
        </p>
      </AlertDescription>
    </Alert>
  );
}
