import { DEFAULT_SCOPES } from '@/lib/okta';
import type * as OktaSdk from '@okta/okta-sdk-nodejs';
import { createRequire } from 'node:module';
import type { Driver } from './bulk';
import type { Credentials } from './clients';
import { runChunks, runPool } from './pool';

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

export const SDK_CHUNK = 50;

/** The SDK adding users to a group: sequentially (optional), and in chunks of 50 with Promise.allSettled. */
export function sdkGroupDrivers(creds: Credentials, opts: { sequential: boolean }): Driver[] {
  const add = (client: SdkClient, groupId: string) => (userId: string) =>
    client.groupApi.assignUserToGroup({ groupId, userId });
  const list: Driver[] = [];
  if (opts.sequential)
    list.push({ label: 'SDK sequential', run: (groupId, users) => runPool(users, 1, add(sdkClient(creds), groupId)) });
  list.push({
    label: `SDK Promise.all × ${SDK_CHUNK}`,
    run: (groupId, users) => runChunks(users, SDK_CHUNK, add(sdkClient(creds), groupId)),
  });
  return list;
}
