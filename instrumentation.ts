// Runs once when the server starts: migrations and the first admin (or the first-run link), then this
// process's bulk-job worker, which resumes jobs a previous process left unfinished (lib/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` may load this file to collect pages; a build must not touch Okta or claim work.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startConsole } = await import('@/lib/startup');
  await startConsole();
}
