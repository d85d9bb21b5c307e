import { db, handle, schema } from '@/db';
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { completeFirstRun, FirstRunClosedError, firstRunLinkState, issueFirstRunToken } from './first-run';
import { hashPassword, verifyPassword } from './password';
import { SignInError, signInWithPassword } from './sign-in';
import { countConsoleUsers, createConsoleUser, EmailTakenError, findUserByEmail, updateConsoleUser } from './users';

const lastAudit = async () =>
  (await db.select().from(schema.auditEvents).orderBy(desc(schema.auditEvents.at)).limit(1))[0];

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
    expect(await firstRunLinkState('not-the-token')).toBe('invalid');
    await expect(
      completeFirstRun('not-the-token', { email: 'x@example.com', name: 'X', password: 'long enough password' }),
    ).rejects.toSatisfy((e) => e instanceof FirstRunClosedError && e.reason === 'invalid');
    expect(await firstRunLinkState(token)).toBe('valid');
    const admin = await completeFirstRun(token, {
      email: 'Admin@Example.com',
      name: 'Ada',
      password: 'long enough password',
    });
    expect(admin.role).toBe('admin');
    expect(admin.email).toBe('admin@example.com');
    expect((await lastAudit())?.action).toBe('console_user.create_first_admin');
    await expect(
      completeFirstRun(token, { email: 'y@example.com', name: 'Y', password: 'long enough password' }),
    ).rejects.toMatchObject({ reason: 'admin_exists' });
    // A used link (or any other) now says an admin exists, which is what its visitor needs to know.
    expect(await firstRunLinkState(token)).toBe('admin_exists');
    expect(await firstRunLinkState('not-the-token')).toBe('admin_exists');
    expect(await issueFirstRunToken()).toBeNull();
    expect(await countConsoleUsers()).toBe(1);
  });

  it('signs in with the right password, refuses a wrong one, and audits both', async () => {
    await createConsoleUser({
      email: 'op@example.com',
      name: 'Op',
      password: 'operator password 1',
      role: 'operator',
      createdBy: null,
    });
    expect((await signInWithPassword('OP@example.com', 'operator password 1', '10.0.0.1'))?.email).toBe(
      'op@example.com',
    );
    expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in', outcome: 'success' });
    expect(await signInWithPassword('op@example.com', 'nope', '10.0.0.1')).toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'failure',
      actorLabel: 'op@example.com',
    });
    expect(await signInWithPassword('nobody@example.com', 'nope', '10.0.0.1')).toBeNull();
  });

  it('locks an account after 5 failures, even with the right password, from any address', async () => {
    await createConsoleUser({
      email: 'lock@example.com',
      name: 'L',
      password: 'the right password',
      role: 'viewer',
      createdBy: null,
    });
    for (let i = 0; i < 5; i++)
      expect(await signInWithPassword('lock@example.com', `wrong ${i}`, `10.1.0.${i}`)).toBeNull();
    await expect(signInWithPassword('lock@example.com', 'the right password', '10.9.9.9')).rejects.toMatchObject({
      code: 'Throttled',
    });
    expect(await lastAudit()).toMatchObject({ outcome: 'denied' });
  });

  it('counts parallel guesses before checking them: 5 are checked, the right password among the rest is refused', async () => {
    await createConsoleUser({
      email: 'race@example.com',
      name: 'R',
      password: 'the right password',
      role: 'viewer',
      createdBy: null,
    });
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 24 ? 'the right password' : `wrong ${i}`));
    const results = await Promise.allSettled(
      guesses.map((pw, i) => signInWithPassword('race@example.com', pw, `10.4.0.${i}`)),
    );
    const checked = results.filter((r) => r.status === 'fulfilled');
    expect(checked).toHaveLength(5);
    expect(
      results.filter((r) => r.status === 'rejected' && (r.reason as SignInError).code === 'Throttled'),
    ).toHaveLength(25);
    const audits = await db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.actorLabel, 'race@example.com'));
    expect(
      audits.filter((a) => a.outcome === 'failure').length + audits.filter((a) => a.outcome === 'success').length,
    ).toBe(5);
    expect(audits.filter((a) => a.outcome === 'denied')).toHaveLength(25);
    // Whichever five were checked, the account stays refused for the rest of the window.
    await expect(signInWithPassword('race@example.com', 'the right password', '10.4.1.1')).rejects.toMatchObject({
      code: 'Throttled',
    });
  });

  it('counts parallel guesses per address too: at most 20 checked from one address', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => signInWithPassword(`wide${i}@example.com`, 'x', '10.5.0.1')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(20);
  });

  it('a successful sign-in does not spend its address', async () => {
    await createConsoleUser({
      email: 'office@example.com',
      name: 'O',
      password: 'office password 1',
      role: 'viewer',
      createdBy: null,
    });
    for (let i = 0; i < 25; i++)
      expect(await signInWithPassword('office@example.com', 'office password 1', '10.6.0.1')).not.toBeNull();
  });

  it('locks an address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) await signInWithPassword(`spray${i}@example.com`, 'x', '10.2.0.1');
    await createConsoleUser({
      email: 'fresh@example.com',
      name: 'F',
      password: 'fresh password 1',
      role: 'viewer',
      createdBy: null,
    });
    await expect(signInWithPassword('fresh@example.com', 'fresh password 1', '10.2.0.1')).rejects.toBeInstanceOf(
      SignInError,
    );
    expect(await signInWithPassword('fresh@example.com', 'fresh password 1', '10.2.0.2')).not.toBeNull();
  });

  it('two requests creating one email at once create one user; the other is told the email is taken', async () => {
    const input = {
      email: 'twice@example.com',
      name: 'T',
      password: 'twice password 1',
      role: 'viewer' as const,
      createdBy: null,
    };
    const results = await Promise.allSettled([createConsoleUser(input), createConsoleUser(input)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(EmailTakenError);
  });

  it('refuses a disabled user and bumps the session version on every change', async () => {
    const u = await createConsoleUser({
      email: 'dis@example.com',
      name: 'D',
      password: 'disabled password',
      role: 'operator',
      createdBy: null,
    });
    const changed = await updateConsoleUser(u.id, { disabled: true });
    expect(changed?.sessionVersion).toBe(u.sessionVersion + 1);
    await expect(signInWithPassword('dis@example.com', 'disabled password', '10.3.0.1')).rejects.toMatchObject({
      code: 'Disabled',
    });
    expect((await findUserByEmail('dis@example.com'))?.disabled).toBe(true);
  });
});
