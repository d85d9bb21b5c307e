// Runs once when the server starts: apply migrations, then seed the admin or print the first-run link.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { dbReady } = await import('@/db');
  const { announceFirstRun } = await import('@/lib/auth/first-run');
  await dbReady();
  await announceFirstRun();
}
