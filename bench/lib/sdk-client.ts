import { DEFAULT_SCOPES } from '@/lib/okta';
import type * as OktaSdk from '@okta/okta-sdk-nodejs';
import { createRequire } from 'node:module';
import type { Credentials } from './clients';

// The SDK is CommonJS. Kept apart from lib/okta's client so a process can load one library without the other.
const require = createRequire(import.meta.url);
const okta = require('@okta/okta-sdk-nodejs') as typeof OktaSdk;
export type SdkClient = InstanceType<typeof okta.Client>;

/** The official SDK with its defaults (maxRetries 2 on 429), minus the response cache. */
export function sdkClient(creds: Credentials): SdkClient {
  return new okta.Client({
    orgUrl: creds.origin,
    authorizationMode: 'PrivateKey',
    clientId: creds.clientId,
    scopes: [...DEFAULT_SCOPES],
    privateKey: creds.privateKeyPem,
    keyId: creds.kid,
    cacheMiddleware: null,
  });
}
