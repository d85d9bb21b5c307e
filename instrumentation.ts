// Runs once when the server starts: apply migrations, then seed the admin or print the first-run link,
// then start this process's bulk-job worker (it resumes jobs a previous process left unfinished).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` may load this file to collect pages; a build must not touch Okta or claim work.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { dbReady } = await import('@/db');
  const { announceFirstRun } = await import('@/lib/auth/first-run');
  await dbReady();
  await announceFirstRun();
  const { startProcessWorker } = await import('@/lib/jobs/process-worker');
  startProcessWorker();
}
