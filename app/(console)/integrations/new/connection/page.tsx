import { loadDraftForStep } from '@/lib/queries/setup';
import type { Metadata } from 'next';
import { StepPage, Ui } from '../_components/step-page';
import { ConnectionForm } from './form';

export const metadata: Metadata = { title: 'Connection details' };

export default async function ConnectionPage() {
  const draft = await loadDraftForStep('connection');
  return (
    <StepPage
      title="Connection details"
      description="Each field is checked as you type. The private key is sealed on the server and never shown again."
      okta={
        <ol>
          <li>
            <Ui>Okta domain</Ui>: your org&apos;s address, e.g. <code className="font-mono">acme.okta.com</code> — not
            the Admin Console&apos;s
            <code className="font-mono"> acme-admin.okta.com</code>.
          </li>
          <li>
            <Ui>Client ID</Ui>: on the app&apos;s <Ui>General</Ui> tab, under <Ui>Client Credentials</Ui>.
          </li>
          <li>
            <Ui>Private key</Ui>: the PEM you copied when Okta generated the key (from{' '}
            <code className="font-mono">-----BEGIN PRIVATE KEY-----</code> to{' '}
            <code className="font-mono">-----END PRIVATE KEY-----</code>), or its JWK, or drop the saved .pem/.json
            file.
          </li>
          <li>
            <Ui>KID</Ui>: shown next to the key under <Ui>Public Keys</Ui>. Required when the app has more than one key.
          </li>
        </ol>
      }
    >
      <ConnectionForm
        consoleKey={draft.keySource === 'console' && draft.hasKey}
        storedKey={draft.hasKey ? { type: draft.keyType ?? '', thumbprint: draft.keyThumbprint ?? '' } : null}
        defaults={{
          name: draft.name ?? '',
          domain: draft.oktaDomain ?? '',
          clientId: draft.clientId ?? '',
          keyId: draft.keyId ?? '',
          privateKey: '',
        }}
      />
    </StepPage>
  );
}
