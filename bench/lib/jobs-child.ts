import { dbReady } from '@/db';
import { createIntegration } from '@/lib/integrations/store';
import { confirmBulkJob, getJobView, previewBulkJob } from '@/lib/jobs/service';
import { startWorker } from '@/lib/jobs/worker';
import { createInterface } from 'node:readline';
import { ourClient, type Credentials } from './clients';

// One bulk job through the console's job runner, in a process of its own: lib/env reads DATA_DIR,
// DATABASE_URL, APP_ENCRYPTION_KEY and OKTA_ALLOWED_ORIGINS once, from the environment the parent gives it.
// Reads the job as the first line on stdin (10,000 ids are too long for argv), prints {"ready":true} once set
// up, waits for the next line, runs preview → confirm → worker, prints the result. A `helper` (another console
// process on the same Postgres database) only runs a worker from the next line on, until it finds nothing to do.
type Job = { creds: Credentials; groupId: string; userIds: string[]; helper?: boolean };
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const job = JSON.parse((await lines.next()).value as string) as Job;
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

/** This process's worker from now until it finds nothing to claim, nothing in flight and nothing waiting. */
async function work() {
  const startedAt = Date.now();
  const worker = startWorker();
  await worker.whenIdle();
  await worker.stop();
  return { workerStartedAt: startedAt, workerEndedAt: Date.now() };
}

if (job.helper) {
  await dbReady();
  say({ ready: true });
  await lines.next();
  say(await work());
  process.exit(0);
}

// What an admin pastes: logins, one a line. Read them before the clock (and the rate limits) start.
const wanted = new Set(job.userIds);
const logins = new Map<string, string>();
for await (const u of ourClient(job.creds).users.list({}, { pageSize: 200, maxPages: 10_000 }))
  if (wanted.has(u.id)) logins.set(u.id, u.login);
const text = job.userIds.map((id) => logins.get(id) ?? id).join('\n');

// A process of its own: it migrates its database where work enters it, as a console process does at start-up.
await dbReady();
const integration = await createIntegration({
  // Unique per run: the two-process runs of several sizes share one Postgres database.
  name: `Bench org ${process.pid}`,
  oktaDomain: job.creds.origin,
  clientId: job.creds.clientId,
  keyId: job.creds.kid,
  privateKey: job.creds.privateKeyPem,
  keyType: 'RSA 2048-bit',
  keyThumbprint: 'bench',
  authMode: 'auto',
  createdBy: 'usr_bench',
});
const ctx = {
  integrationId: integration.id,
  actor: { type: 'user' as const, id: 'usr_bench', label: 'bench@example.com' },
};
say({ ready: true, logins: logins.size });

await lines.next();

const t0 = performance.now();
const preview = await previewBulkJob(ctx, { kind: 'group.add_member', targetId: job.groupId, text });
if (!preview.ok) throw new Error(`preview refused: ${preview.error}`);
const t1 = performance.now();
const confirmed = await confirmBulkJob(ctx, preview.job.id);
if (!confirmed.ok) throw new Error(`confirm refused: ${confirmed.error}`);
say({ confirmed: true });
const t2 = performance.now();
const { workerStartedAt, workerEndedAt } = await work();
const t3 = performance.now();
const done = await getJobView(preview.job.id);
say({
  previewMs: t1 - t0,
  confirmMs: t2 - t1,
  runMs: t3 - t2,
  workerStartedAt,
  workerEndedAt,
  unresolved: preview.job.unresolved.length,
  previewCounts: preview.job.counts,
  counts: done?.counts,
  status: done?.status,
});
process.exit(0);
