import 'server-only';

import { dbReady, handle, schema } from '@/db';
import { recordAudit } from '@/lib/audit';
import { env } from '@/lib/env';
import { newId } from '@/lib/ids';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { countConsoleUsers, createConsoleUser, EmailTakenError, type PublicConsoleUser } from './users';

// While no console user exists, only a one-time link printed to the server log can create the first
// admin. The database keeps the token's hash only; the link is valid for 24 hours and once.
const TTL_MS = 24 * 60 * 60_000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueFirstRunToken(): Promise<string | null> {
  if ((await countConsoleUsers()) > 0) return null;
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await handle.db.insert(schema.firstRunTokens).values({
    id: newId('frt'),
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + TTL_MS),
    createdAt: now,
  });
  return token;
}

export const firstRunUrl = (token: string) => `${env.APP_URL}/first-run?token=${token}`;

/** What a first-run link can do now: create the admin, nothing because one exists, or nothing (expired, unknown). */
export type FirstRunLinkState = 'valid' | 'admin_exists' | 'invalid';

export async function firstRunLinkState(token: string): Promise<FirstRunLinkState> {
  await dbReady();
  if ((await countConsoleUsers()) > 0) return 'admin_exists';
  const [row] = await handle.db
    .select()
    .from(schema.firstRunTokens)
    .where(
      and(
        eq(schema.firstRunTokens.tokenHash, hashToken(token)),
        isNull(schema.firstRunTokens.usedAt),
        gt(schema.firstRunTokens.expiresAt, new Date()),
      ),
    );
  return row ? 'valid' : 'invalid';
}

export class FirstRunClosedError extends Error {
  constructor(readonly reason: Exclude<FirstRunLinkState, 'valid'>) {
    super(reason === 'admin_exists' ? 'an admin already exists' : 'the first-run link is not valid');
  }
}

/** Creates the first admin if the token is valid and still no user exists; burns the token. */
export async function completeFirstRun(
  token: string,
  admin: { email: string; name: string; password: string },
): Promise<PublicConsoleUser> {
  await dbReady();
  if ((await countConsoleUsers()) > 0) throw new FirstRunClosedError('admin_exists');
  // Burning the token is one conditional UPDATE, so two tabs racing with one link create one admin.
  const burned = await handle.db
    .update(schema.firstRunTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(schema.firstRunTokens.tokenHash, hashToken(token)),
        isNull(schema.firstRunTokens.usedAt),
        gt(schema.firstRunTokens.expiresAt, new Date()),
      ),
    )
    .returning({ id: schema.firstRunTokens.id });
  if (burned.length === 0) throw new FirstRunClosedError('invalid');
  const user = await createConsoleUser({ ...admin, role: 'admin', createdBy: null });
  await recordAudit({
    actor: { type: 'system', label: 'first-run link' },
    action: 'console_user.create_first_admin',
    outcome: 'success',
    target: { type: 'console_user', id: user.id, label: user.email },
  });
  return user;
}

/** At server start: seed ADMIN_EMAIL/ADMIN_PASSWORD, or print a first-run link while no user exists. */
export async function announceFirstRun(log: (line: string) => void = console.log): Promise<void> {
  await dbReady();
  if ((await countConsoleUsers()) > 0) return;
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    let user: PublicConsoleUser;
    try {
      user = await createConsoleUser({
        email: env.ADMIN_EMAIL,
        name: 'Administrator',
        password: env.ADMIN_PASSWORD,
        role: 'admin',
        createdBy: null,
      });
    } catch (err) {
      // Another console starting on the same database seeded it first.
      if (err instanceof EmailTakenError) return;
      throw err;
    }
    await recordAudit({
      actor: { type: 'system', label: 'ADMIN_EMAIL' },
      action: 'console_user.seed_admin',
      outcome: 'success',
      target: { type: 'console_user', id: user.id, label: user.email },
    });
    log(`Created the admin ${user.email} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
    return;
  }
  const token = await issueFirstRunToken();
  if (token)
    log(`\nFirst run: no console user yet. Create the first admin here (valid 24 h, once):\n  ${firstRunUrl(token)}\n`);
}
