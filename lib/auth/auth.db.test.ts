import { desc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, handle, schema } from '@/db';
import { completeFirstRun, FirstRunClosedError, isFirstRunTokenValid, issueFirstRunToken } from './first-run';
import { hashPassword, verifyPassword } from './password';
import { SignInError, signInWithPassword } from './sign-in';
import { accountKey, lockedUntil } from './throttle';
import { countConsoleUsers, createConsoleUser, findUserByEmail, updateConsoleUser } from './users';

const lastAudit = async () => (await db.select().from(schema.auditEvents).orderBy(desc(schema.auditEvents.at)).limit(1))[0];

describe(`console sign-in (${handle.dialect})`, () => {
  it('hashes passwords with scrypt and verifies them', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(h).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('wrong', h)).toBe(false);
  });

  it('first run: only a valid link creates the first admin, once', async () => {
    expect(await countConsoleUsers()).toBe(0);
    const token = (await issueFirstRunToken())!;
    expect(token.length).toBeGreaterThan(30);
    expect(await isFirstRunTokenValid('not-the-token')).toBe(false);
    await expect(completeFirstRun('not-the-token', { email: 'x@example.com', name: 'X', password: 'long enough password' })).rejects.toBeInstanceOf(FirstRunClosedError);
    expect(await isFirstRunTokenValid(token)).toBe(true);
    const admin = await completeFirstRun(token, { email: 'Admin@Example.com', name: 'Ada', password: 'long enough password' });
    expect(admin.role).toBe('admin');
    expect(admin.email).toBe('admin@example.com');
    expect((await lastAudit())?.action).toBe('console_user.create_first_admin');
    await expect(completeFirstRun(token, { email: 'y@example.com', name: 'Y', password: 'long enough password' })).rejects.toBeInstanceOf(FirstRunClosedError);
    expect(await issueFirstRunToken()).toBeNull();
    expect(await countConsoleUsers()).toBe(1);
  });

  it('signs in with the right password, refuses a wrong one, and audits both', async () => {
    await createConsoleUser({ email: 'op@example.com', name: 'Op', password: 'operator password 1', role: 'operator', createdBy: null });
    expect((await signInWithPassword('OP@example.com', 'operator password 1', '10.0.0.1'))?.email).toBe('op@example.com');
    expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in', outcome: 'success' });
    expect(await signInWithPassword('op@example.com', 'nope', '10.0.0.1')).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in', outcome: 'failure', actorLabel: 'op@example.com' });
    expect(await signInWithPassword('nobody@example.com', 'nope', '10.0.0.1')).toBeNull();
  });

  it('locks an account after 5 failures, even with the right password, from any address', async () => {
    await createConsoleUser({ email: 'lock@example.com', name: 'L', password: 'the right password', role: 'viewer', createdBy: null });
    for (let i = 0; i < 5; i++) expect(await signInWithPassword('lock@example.com', `wrong ${i}`, `10.1.0.${i}`)).toBeNull();
    expect(await lockedUntil([accountKey('lock@example.com')])).toBeInstanceOf(Date);
    await expect(signInWithPassword('lock@example.com', 'the right password', '10.9.9.9')).rejects.toMatchObject({ code: 'Throttled' });
    expect(await lastAudit()).toMatchObject({ outcome: 'denied' });
  });

  it('locks an address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) await signInWithPassword(`spray${i}@example.com`, 'x', '10.2.0.1');
    await createConsoleUser({ email: 'fresh@example.com', name: 'F', password: 'fresh password 1', role: 'viewer', createdBy: null });
    await expect(signInWithPassword('fresh@example.com', 'fresh password 1', '10.2.0.1')).rejects.toBeInstanceOf(SignInError);
    expect(await signInWithPassword('fresh@example.com', 'fresh password 1', '10.2.0.2')).not.toBeNull();
  });

  it('refuses a disabled user and bumps the session version on every change', async () => {
    const u = await createConsoleUser({ email: 'dis@example.com', name: 'D', password: 'disabled password', role: 'operator', createdBy: null });
    const changed = await updateConsoleUser(u.id, { disabled: true });
    expect(changed?.sessionVersion).toBe(u.sessionVersion + 1);
    await expect(signInWithPassword('dis@example.com', 'disabled password', '10.3.0.1')).rejects.toMatchObject({ code: 'Disabled' });
    expect((await findUserByEmail('dis@example.com'))?.disabled).toBe(true);
  });
});
