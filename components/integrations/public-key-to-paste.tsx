import { CopyButton } from '@/components/ui/copy-button';
import { Mono } from '@/components/ui/mono';

/** A console-generated public key for Okta's "Add key" dialog, with its KID; never the private half. */
export function PublicKeyToPaste({ jwk, kid, label }: { jwk: Record<string, unknown>; kid: string; label: string }) {
  const text = JSON.stringify(jwk, null, 2);
  return (
    <>
      <p className="text-sm">
        In Okta: <strong>Add key</strong>, paste this public key (JSON), and <strong>Save</strong>. Its KID is{' '}
        <Mono value={kid} label="KID" />
      </p>
      <div className="relative">
        <pre aria-label={label} className="max-h-48 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">
          {text}
        </pre>
        <div className="absolute top-2 right-2">
          <CopyButton value={text} label="public key" />
        </div>
      </div>
    </>
  );
}
