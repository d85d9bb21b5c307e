import { AsyncLocalStorage } from 'node:async_hooks';
import { randomId } from '../core/ids';

// Who is acting while a change runs: the service app of an API request, an admin in the Admin Console (the
// control plane), or Okta itself (group rules, group-driven assignments). The System Log reads it when a
// directory change is journalled; AsyncLocalStorage keeps concurrent requests apart.

export interface LogActor {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry: null;
}

export interface LogClient {
  userAgent: { rawUserAgent: string; os: string; browser: string } | null;
  zone: string | null;
  device: string | null;
  id: string | null;
  ipAddress: string | null;
  geographicalContext: null;
}

export interface LogTransaction {
  type: 'WEB' | 'JOB';
  id: string;
  detail: Record<string, unknown>;
}

/** The parts of an event that come from the request (or job) that caused it. Shared by its events. */
export interface ActingContext {
  actor: LogActor;
  client: LogClient;
  transaction: LogTransaction;
  externalSessionId: string | null;
  /** debugContext.debugData of a WEB request: requestId, requestUri, url. */
  debugData: Record<string, string>;
  /** JOB transactions started by this context, one per rule or group (so their events share an id). */
  jobs: Map<string, ActingContext>;
}

const store = new AsyncLocalStorage<ActingContext>();

export const actingContext = (): ActingContext | undefined => store.getStore();

export function runAs<T>(context: ActingContext, fn: () => T): T {
  return store.run(context, fn);
}

/** `transaction.id` looks like Okta's 27-character ids (e.g. `W1873sDkmmCcshePrev2GQAAAws`). */
export const newTransactionId = (): string => randomId('', 27);

function web(
  actor: LogActor,
  client: LogClient,
  requestId: string,
  uri: string,
  externalSessionId: string | null,
): ActingContext {
  return {
    actor,
    client,
    transaction: { type: 'WEB', id: requestId, detail: {} },
    externalSessionId,
    debugData: { requestId, requestUri: uri.split('?')[0]!, url: uri },
    jobs: new Map(),
  };
}

/**
 * A Management API call by a service app. `transaction.id` and `debugData.requestId` are the response's
 * X-Okta-Request-Id (UNCONFIRMED, system-log.md §8); the actor is the app as a PublicClientApp (UNCONFIRMED, §7).
 */
export function apiContext(input: {
  clientId: string;
  appLabel: string;
  requestId: string;
  uri: string;
  userAgent: string | undefined;
  ip: string | null;
}): ActingContext {
  return web(
    {
      id: input.clientId,
      type: 'PublicClientApp',
      alternateId: input.clientId,
      displayName: input.appLabel,
      detailEntry: null,
    },
    {
      userAgent: { rawUserAgent: input.userAgent ?? 'UNKNOWN', os: 'Unknown', browser: 'UNKNOWN' },
      zone: 'null',
      device: 'Unknown',
      id: input.clientId,
      ipAddress: input.ip,
      geographicalContext: null,
    },
    input.requestId,
    input.uri,
    null,
  );
}

/** The admin who works in the simulated Admin Console (the control plane). Not a user of the directory. */
export const CONSOLE_ADMIN: LogActor = {
  id: '00uadmin0console0sim',
  type: 'User',
  alternateId: 'admin@sim.example',
  displayName: 'Okta Admin',
  detailEntry: null,
};

/** A change an admin makes in the Admin Console: a browser session, `client.id` null. */
export function adminConsoleContext(uri: string): ActingContext {
  const requestId = newTransactionId();
  return web(
    CONSOLE_ADMIN,
    {
      userAgent: {
        rawUserAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
        os: 'Mac OS X',
        browser: 'CHROME',
      },
      zone: 'null',
      device: 'Computer',
      id: null,
      ipAddress: '127.0.0.1',
      geographicalContext: null,
    },
    requestId,
    uri,
    randomId('idx', 22),
  );
}

/** "Okta System" (KB: users added by a rule show actor SystemPrincipal). */
const SYSTEM: LogActor = {
  id: 'system@okta.com',
  type: 'SystemPrincipal',
  alternateId: 'system@okta.com',
  displayName: 'Okta System',
  detailEntry: null,
};

const NO_CLIENT: LogClient = {
  userAgent: null,
  zone: null,
  device: null,
  id: null,
  ipAddress: null,
  geographicalContext: null,
};

/**
 * The asynchronous task a change sets off (`transaction.type` JOB, its own id): a group rule runs as Okta
 * System; a group's app assignment reaching its members keeps the causing actor and client (UNCONFIRMED).
 */
export function jobOf(
  parent: ActingContext,
  key: string,
  system: boolean,
  debugData: Record<string, string>,
): ActingContext {
  let job = parent.jobs.get(key);
  if (!job) {
    job = {
      actor: system ? SYSTEM : parent.actor,
      client: system ? NO_CLIENT : { ...NO_CLIENT, id: parent.client.id },
      transaction: { type: 'JOB', id: newTransactionId(), detail: {} },
      externalSessionId: null,
      debugData,
      jobs: parent.jobs,
    };
    parent.jobs.set(key, job);
  }
  return job;
}
