// One bulk worker in its own process, for the crash/resume, scale-out and graceful-stop tests. It reads DATA_DIR,
// DATABASE_URL and OKTA_ALLOWED_ORIGINS like the console does, and runs until it is killed, or stops as the
// console does on SIGTERM (lib/shutdown.ts).
// Run with: node --conditions=react-server --import tsx lib/jobs/test-support/worker-child.ts <id> <leaseMs>
const [id, lease] = process.argv.slice(2);
const { startWorker } = await import('../worker');
const { stopGracefullyOnSignals } = await import('@/lib/shutdown');
const worker = startWorker({ id, leaseMs: Number(lease), pollMs: 20 });
stopGracefullyOnSignals(() => [worker]);
process.stdout.write(`worker ${id} started\n`);
export {};
