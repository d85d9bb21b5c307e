// One bulk worker in its own process, for the crash/resume and scale-out tests. It reads DATA_DIR,
// DATABASE_URL and OKTA_ALLOWED_ORIGINS like the console does, and runs until it is killed.
// Run with: node --conditions=react-server --import tsx lib/jobs/test-support/worker-child.ts <id> <leaseMs>
const [id, lease] = process.argv.slice(2);
const { startWorker } = await import('../worker');
startWorker({ id, leaseMs: Number(lease), pollMs: 20 });
process.stdout.write(`worker ${id} started\n`);
export {};
