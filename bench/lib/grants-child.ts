import { db, dbReady, schema } from '@/db';
import { startProcessExpiryWorker } from '@/lib/grants/process-worker';
import { insertGrant, OPEN_STATES } from '@/lib/grants/store';
import { startExpiryWorker } from '@/lib/grants/worker';
import { createIntegration } from '@/lib/integrations/store';
import { count, inArray } from 'drizzle-orm';
import { createInterface } from 'node:readline';
import type { Credentials } from './clients';

// Time-bound grants ending, in a console process of its own (lib/env reads DATA_DIR and the rest once, from the
// environment the parent gives it). Reads the run as the first line on stdin, starts the expiry worker as a
// console process does at start-up (startProcessExpiryWorker, the product's defaults; for a burst, once the grants
// are stored), stores one grant per user with its end (lib/grants' insertGrant: the membership is already in Okta, added by the parent through
// the simulator's control plane, so the grant gives what it will take back), then waits until no grant is
// open and prints every grant's end and how it came out.
type Run = {
  creds: Credentials;
  /** A diagnosis only: a worker with this many grants in flight instead of the product's start-up worker. */
  maxInFlight?: number;
  groupId: string;
  userIds: string[];
  /** Every end is `firstEndInMs` from when the run starts, plus the user's index × `spreadMs` ÷ N. */
  firstEndInMs: number;
  spreadMs: number;
  /**
   * Start the worker only once every grant is stored (all already due: ends at the run's start), so that storing
   * 10,000 rows on a busy machine never outlasts the shared end; otherwise it runs from the start, as in production.
   */
  dueBeforeWorker: boolean;
};
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const run = JSON.parse((await lines.next()).value as string) as Run;
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
/** Exits once stdout is flushed: on a pipe, process.exit right after a large write would cut the line. */
const sayAndExit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`, () => process.exit(0));

await dbReady();
const integration = await createIntegration({
  name: 'Bench org',
  oktaDomain: run.creds.origin,
  clientId: run.creds.clientId,
  keyId: run.creds.kid,
  privateKey: run.creds.privateKeyPem,
  keyType: 'RSA 2048-bit',
  keyThumbprint: 'bench',
  authMode: 'auto',
  createdBy: 'usr_bench',
});
say({ ready: true });
await lines.next();

const startWorker = () =>
  run.maxInFlight ? startExpiryWorker({ maxInFlight: run.maxInFlight }) : startProcessExpiryWorker();
let worker = run.dueBeforeWorker ? undefined : startWorker();
const startedAt = Date.now();
const firstEnd = startedAt + run.firstEndInMs;
const n = run.userIds.length;
for (const [i, userId] of run.userIds.entries()) {
  await insertGrant({
    integrationId: integration.id,
    kind: 'group.add_member',
    resource: { id: run.groupId, label: 'Bench grants group' },
    member: { id: userId, label: `${userId}@example.com` },
    reason: 'bench',
    actor: { type: 'user', id: 'usr_bench', label: 'bench@example.com' },
    endsAt: new Date(firstEnd + Math.floor((i * run.spreadMs) / n)),
    preexisting: false,
    now: new Date(),
  });
}
const insertedAt = Date.now();
const cpuBefore = process.cpuUsage();
worker ??= startWorker();
const workerStartedAt = Date.now();

// Watch from outside the worker: a count every 200 ms, which neither wakes nor slows it.
const open = async () =>
  (await db.select({ n: count() }).from(schema.grants).where(inArray(schema.grants.state, OPEN_STATES)))[0]!.n;
while (Date.now() < firstEnd + run.spreadMs || (await open()) > 0) await new Promise((r) => setTimeout(r, 200));
const doneAt = Date.now();
// This console process's CPU from the grants stored to the last end (user + system).
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
await worker.stop();

const rows = await db
  .select({
    endsAt: schema.grants.endsAt,
    endedAt: schema.grants.endedAt,
    state: schema.grants.state,
    outcome: schema.grants.outcome,
    attempts: schema.grants.attempts,
  })
  .from(schema.grants);
// One audit event per end: a grant ended twice would show twice.
const audited = (
  await db
    .select({ n: count() })
    .from(schema.auditEvents)
    .where(inArray(schema.auditEvents.action, ['group.remove_member']))
)[0]!.n;
sayAndExit({
  audited,
  startedAt,
  insertedAt,
  workerStartedAt,
  firstEnd,
  doneAt,
  cpuMs,
  grants: rows.map((r) => ({
    endsAt: r.endsAt.getTime(),
    endedAt: r.endedAt?.getTime() ?? null,
    state: r.state,
    outcome: r.outcome,
    attempts: r.attempts,
  })),
});
