import { loadDraftForStep } from '@/lib/queries/setup';
import type { Metadata } from 'next';
import { StepPage, Ui } from '../_components/step-page';
import { ClientAuthForm } from './form';

export const metadata: Metadata = { title: 'Client authentication' };

export default async function ClientAuthPage() {
  const draft = await loadDraftForStep('client-auth');
  return (
    <StepPage
      title="Client authentication: public key / private key"
      description="Okta only issues okta.* scopes to a service app that signs its requests with a private key. Pick who makes the key pair."
      okta={
        <ol>
          <li>
            On the app&apos;s <Ui>General</Ui> tab, in <Ui>Client Credentials</Ui>, click <Ui>Edit</Ui>.
          </li>
          <li>
            Set <Ui>Client authentication</Ui> to <Ui>Public key / Private key</Ui>, and <Ui>Save keys in Okta</Ui>.
          </li>
          <li>
            Either <Ui>Add key</Ui> → <Ui>Generate new key</Ui>, then click <Ui>PEM</Ui> and copy the private key (it is
            shown once) and the key&apos;s <Ui>KID</Ui>; or <Ui>Add key</Ui> and paste the public key the console
            generates here.
          </li>
          <li>
            <Ui>Require Demonstrating Proof of Possession (DPoP)</Ui> is on by default for new apps. Leave it on — the
            console speaks DPoP — or uncheck it. Then click <Ui>Save</Ui>.
          </li>
        </ol>
      }
    >
      <ClientAuthForm
        keySource={draft.keySource}
        publicJwk={draft.publicJwk}
        kid={draft.keySource === 'console' ? draft.keyId : null}
      />
    </StepPage>
  );
}
