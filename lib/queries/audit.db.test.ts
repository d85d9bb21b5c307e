import { db, dbReady, handle, schema } from '@/db';
import type { SessionUser } from '@/lib/auth/current-user';
import { auditFilterSchema, auditQuerySchema, type AuditFilter } from '@/lib/validations/audit';
import { who } from '@/test/session';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { listAuditActionNames, listAuditEvents, type AuditEvent } from './audit';

vi.mock('@/lib/auth/current-user', () => import('@/test/session'));

const viewer: SessionUser = { id: 'usr_viewer0000000000000', email: 'vera@example.com', name: 'Vera', role: 'viewer' };
const INT_A = 'int_AAAAAAAAAAAAAAAAAAAA';
const INT_B = 'int_BBBBBBBBBBBBBBBBBBBB';

// 3,000 events, three to a timestamp (so paging must break ties on id), every 3 minutes from
// 2026-03-01 22:00 UTC: about two hours on Mar 1, all of Mar 2 and 3, and the rest on Mar 4.
// Cycle lengths are co-prime so every combination of actor, action, target and outcome occurs.
const N = 3_000;
const BASE = Date.UTC(2026, 2, 1, 22, 0, 0);
const ACTORS = [
  { actorType: 'user', actorId: 'usr_ada00000000000000000', actorLabel: 'ada@example.com' },
  { actorType: 'user', actorId: 'usr_bob00000000000000000', actorLabel: 'Bob.Builder@Example.COM' },
  { actorType: 'anonymous', actorId: null, actorLabel: 'under_score%sign@example.com' },
  { actorType: 'token', actorId: 'tok_ci000000000000000000', actorLabel: 'CI pipeline token' },
] as const;
const ACTIONS = [
  'auth.sign_in',
  'integration.rename',
  'integration.rotate_key',
  'console_user.create',
  'group.add_member',
  'integrationx.probe',
  'consoleXuser.create',
];
const NO_SECOND = { secondTargetType: null, secondTargetId: null, secondTargetLabel: null } as const;
// A group alone, a membership (the user first, then the group), and an event with no target.
const TARGETS = [
  { targetType: 'okta_group', targetId: '00g1engineering', targetLabel: 'Engineering Team', ...NO_SECOND },
  {
    targetType: 'okta_user',
    targetId: '00u1alice',
    targetLabel: 'alice@acme.test',
    secondTargetType: 'okta_group',
    secondTargetId: '00g1engineering',
    secondTargetLabel: 'Engineering Team',
  },
  { targetType: null, targetId: null, targetLabel: null, ...NO_SECOND },
] as const;
const OUTCOMES = ['success', 'success', 'failure', 'denied', 'success'] as const;
const INTEGRATIONS = [INT_A, INT_B, null, INT_A];

const rows: AuditEvent[] = Array.from({ length: N }, (_, i) => ({
  id: `aud_${String(i).padStart(20, '0')}`,
  at: new Date(BASE + Math.floor(i / 3) * 180_000),
  ...ACTORS[i % ACTORS.length]!,
  action: ACTIONS[i % ACTIONS.length]!,
  ...TARGETS[i % TARGETS.length]!,
  integrationId: INTEGRATIONS[i % INTEGRATIONS.length]!,
  outcome: OUTCOMES[i % OUTCOMES.length]!,
  detail: null,
  oktaRequestId: i % 11 === 0 ? `req-${i}` : null,
  ip: '127.0.0.1',
}));

const newestFirst = (a: AuditEvent, b: AuditEvent) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1);
const expected = (keep: (e: AuditEvent) => boolean) =>
  rows
    .filter(keep)
    .sort(newestFirst)
    .map((e) => e.id);

/** Walks every page the way the page's "Older" link does, returning ids in the order shown. */
async function walk(filter: AuditFilter): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await listAuditEvents({ ...filter, cursor });
    expect(page.items.length).toBeLessThanOrEqual(50);
    ids.push(...page.items.map((e) => e.id));
    if (!page.next) return ids;
    cursor = page.next;
  }
  throw new Error('paging did not end');
}

const parse = (q: Record<string, string>) => auditFilterSchema.parse(q);

beforeAll(async () => {
  await dbReady();
  for (let i = 0; i < rows.length; i += 250) await db.insert(schema.auditEvents).values(rows.slice(i, i + 250));
  who.user = viewer;
});

describe(`audit log filters and paging (${handle.dialect})`, () => {
  it('pages through all 3,000 events newest first with no gap and no duplicate', async () => {
    const ids = await walk({});
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(ids).toEqual(expected(() => true));
  });

  it('filters by integration, and by "none" for console events', async () => {
    expect(await walk(parse({ integration: INT_B }))).toEqual(expected((e) => e.integrationId === INT_B));
    expect(await walk(parse({ integration: 'none' }))).toEqual(expected((e) => e.integrationId === null));
  });

  it('matches the actor by label, case-insensitively, or by exact id', async () => {
    expect(await walk(parse({ actor: 'BOB.builder' }))).toEqual(expected((e) => e.actorLabel.startsWith('Bob')));
    expect(await walk(parse({ actor: 'example.com' }))).toEqual(
      expected((e) => e.actorLabel.toLowerCase().includes('example.com')),
    );
    expect(await walk(parse({ actor: 'usr_ada00000000000000000' }))).toEqual(
      expected((e) => e.actorId === 'usr_ada00000000000000000'),
    );
  });

  it('treats % and _ in the actor as plain characters, not wildcards', async () => {
    expect(await walk(parse({ actor: 'score%sign' }))).toEqual(expected((e) => e.actorLabel.includes('score%sign')));
    expect((await listAuditEvents(parse({ actor: 'a_a' }))).items).toEqual([]); // would match "ada" if _ were a wildcard
    expect((await listAuditEvents(parse({ actor: 'ad%' }))).items).toEqual([]);
  });

  it('matches an exact action, or every action under a prefix', async () => {
    expect(await walk(parse({ action: 'integration.rename' }))).toEqual(
      expected((e) => e.action === 'integration.rename'),
    );
    expect(await walk(parse({ action: 'integration.*' }))).toEqual(
      expected((e) => e.action.startsWith('integration.')),
    );
    // "_" in a prefix is a character, and the prefix is case-sensitive on both engines
    expect(await walk(parse({ action: 'console_user.*' }))).toEqual(
      expected((e) => e.action === 'console_user.create'),
    );
    expect((await listAuditEvents(parse({ action: 'INTEGRATION.*' }))).items).toEqual([]);
    expect((await listAuditEvents(parse({ action: 'integration' }))).items).toEqual([]);
  });

  it('matches either end of the target by exact id or by label', async () => {
    const hasEnd = (match: (id: string | null, label: string | null) => boolean) => (e: AuditEvent) =>
      match(e.targetId, e.targetLabel) || match(e.secondTargetId, e.secondTargetLabel);
    expect(await walk(parse({ target: '00u1alice' }))).toEqual(expected(hasEnd((id) => id === '00u1alice')));
    expect(await walk(parse({ target: 'ALICE@acme' }))).toEqual(expected((e) => e.targetLabel === 'alice@acme.test'));
    // The group is the first end of one event and the second end of a membership: both are found.
    const group = await walk(parse({ target: '00g1engineering' }));
    expect(group).toEqual(expected(hasEnd((id) => id === '00g1engineering')));
    expect(group).toEqual(expected((e) => e.targetId === '00g1engineering' || e.targetId === '00u1alice'));
    expect(await walk(parse({ target: 'engineering team' }))).toEqual(group);
    expect((await listAuditEvents(parse({ target: '00u1' }))).items).toEqual([]); // ids match exactly, not by part
    expect((await listAuditEvents(parse({ target: '00g1' }))).items).toEqual([]);
  });

  it('filters by outcome', async () => {
    for (const outcome of ['success', 'failure', 'denied'] as const) {
      expect(await walk(parse({ outcome }))).toEqual(expected((e) => e.outcome === outcome));
    }
  });

  it('filters by UTC days, both ends included', async () => {
    const onDays = (from: string, to: string) => (e: AuditEvent) =>
      e.at >= new Date(`${from}T00:00:00Z`) && e.at < new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
    expect(await walk(parse({ from: '2026-03-02', to: '2026-03-02' }))).toEqual(
      expected(onDays('2026-03-02', '2026-03-02')),
    );
    expect(await walk(parse({ from: '2026-03-03' }))).toEqual(
      expected((e) => e.at >= new Date('2026-03-03T00:00:00Z')),
    );
    expect(await walk(parse({ to: '2026-03-01' }))).toEqual(expected((e) => e.at < new Date('2026-03-02T00:00:00Z')));
    expect(await walk(parse({ to: '2026-03-01' }))).toHaveLength(120); // 22:00–23:57, three per 3 minutes
    expect((await listAuditEvents(parse({ from: '2026-04-01' }))).items).toEqual([]);
  });

  it('combines filters with AND, and pages a combined filter without gaps', async () => {
    const filter = parse({
      integration: INT_A,
      actor: 'ada',
      action: 'integration.*',
      outcome: 'success',
      from: '2026-03-02',
      to: '2026-03-03',
    });
    const want = expected(
      (e) =>
        e.integrationId === INT_A &&
        e.actorLabel === 'ada@example.com' &&
        e.action.startsWith('integration.') &&
        e.outcome === 'success' &&
        e.at >= new Date('2026-03-02T00:00:00Z') &&
        e.at < new Date('2026-03-04T00:00:00Z'),
    );
    expect(want.length).toBeGreaterThan(0);
    expect(await walk(filter)).toEqual(want);
    const wide = parse({ outcome: 'success', target: 'engineering' });
    const wideWant = expected(
      (e) => e.outcome === 'success' && [e.targetLabel, e.secondTargetLabel].includes('Engineering Team'),
    );
    expect(wideWant.length).toBeGreaterThan(50 * 3);
    expect(await walk(wide)).toEqual(wideWant);
  });

  it('lists the action names that occur, for the filter menu', async () => {
    expect(await listAuditActionNames()).toEqual([...ACTIONS].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('starts from the newest page when the cursor is damaged', async () => {
    const first = await listAuditEvents({ cursor: 'not-a-cursor' });
    expect(first.items[0]!.id).toBe(expected(() => true)[0]);
  });

  it('refuses a signed-out caller', async () => {
    who.user = null;
    await expect(listAuditEvents({})).rejects.toThrow(/NEXT_REDIRECT/);
    await expect(listAuditActionNames()).rejects.toThrow(/NEXT_REDIRECT/);
    who.user = viewer;
  });
});

describe('audit filter validation', () => {
  const errors = (q: Record<string, unknown>) => {
    const r = auditQuerySchema.safeParse(q);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('treats empty fields as no filter and takes the first of repeated parameters', () => {
    expect(auditQuerySchema.parse({ integration: '', actor: '  ', outcome: '', from: '', cursor: '' })).toEqual({});
    expect(auditQuerySchema.parse({ outcome: ['denied', 'success'], actor: '  ada ' })).toEqual({
      outcome: 'denied',
      actor: 'ada',
    });
  });

  it('explains each invalid filter', () => {
    expect(errors({ outcome: 'maybe' })).toEqual({ outcome: 'Choose success, failure or denied' });
    expect(errors({ outcome: 'maybe', from: '2026-03-04', to: '2026-03-01' })).toEqual({
      outcome: 'Choose success, failure or denied',
      to: 'The end date is before the start date',
    });
    expect(errors({ from: '2026-02-30' })).toHaveProperty('from');
    expect(errors({ to: 'yesterday' })).toEqual({ to: 'Enter a date as YYYY-MM-DD' });
    expect(errors({ from: '2026-03-04', to: '2026-03-01' })).toEqual({ to: 'The end date is before the start date' });
    expect(errors({ integration: 'int_short' })).toHaveProperty('integration');
    expect(errors({ action: "x' or 1=1" })).toHaveProperty('action');
    expect(errors({ actor: 'a'.repeat(201) })).toHaveProperty('actor');
    expect(errors({ from: '2026-03-01', to: '2026-03-01' })).toEqual({});
    expect(auditQuerySchema.parse({ cursor: 'x'.repeat(500), outcome: 'denied' })).toEqual({ outcome: 'denied' }); // a damaged link starts over
  });
});
