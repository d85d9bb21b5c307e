import type { OktaClient } from '@/lib/okta';
import { OURS, type Driver } from './bulk';
import { ourClient, type Credentials } from './clients';
import { runChunks, runPool } from './pool';
import { sdkClient, type SdkClient } from './sdk-client';

// Kept apart from bulk.ts so a bench that drives only lib/okta does not load the SDK.
const SDK_CHUNK = 50;

/** One user's write to the target, through lib/okta and through the SDK. */
export type BulkWrite = {
  ours: (client: OktaClient, targetId: string, userId: string) => Promise<unknown>;
  sdk: (client: SdkClient, targetId: string, userId: string) => Promise<unknown>;
};

/**
 * lib/okta at concurrency 8 and 50 against the SDK, sequential (latency-bound by construction: N × round trip,
 * so only up to `sequentialUpTo`) and in Promise.all chunks.
 */
export function bulkDrivers(
  creds: Credentials,
  n: number,
  write: BulkWrite,
  sequentialUpTo = Number.POSITIVE_INFINITY,
): Driver[] {
  const ours = (concurrency: number): Driver => ({
    label: concurrency === 8 ? OURS : `ours (concurrency ${concurrency})`,
    run: (targetId, users) => {
      const client = ourClient(creds, { concurrency });
      // Twice the client's cap keeps its limiter fed; the limiter, not the caller, decides the pace.
      return runPool(users, concurrency * 2, (u) => write.ours(client, targetId, u));
    },
  });
  const sdk = (targetId: string) => {
    const client = sdkClient(creds);
    return (u: string) => write.sdk(client, targetId, u);
  };
  return [
    ours(8),
    ours(50),
    ...(n <= sequentialUpTo
      ? [{ label: 'SDK sequential', run: (targetId, users) => runPool(users, 1, sdk(targetId)) } satisfies Driver]
      : []),
    { label: `SDK Promise.all × ${SDK_CHUNK}`, run: (targetId, users) => runChunks(users, SDK_CHUNK, sdk(targetId)) },
  ];
}
