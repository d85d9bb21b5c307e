import type { SessionUser } from '@/lib/auth/current-user';

// The session of a test: `vi.mock('@/lib/auth/current-user', () => import('@/test/session'))`, then set `who.user`.
// A module rather than a vi.hoisted copy in each test file.

export const who: { user: SessionUser | null } = { user: null };
export const getCurrentUser = () => Promise.resolve(who.user);

export const sessionUser = (role: SessionUser['role'], name: string): SessionUser => ({
  id: `usr_${name.toLowerCase().padEnd(20, '0')}`,
  email: `${name.toLowerCase()}@example.com`,
  name,
  role,
});
