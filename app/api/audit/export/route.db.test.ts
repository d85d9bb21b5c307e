import { db, dbReady, handle, schema } from '@/db';
import type { SessionUser } from '@/lib/auth/current-user';
import type { AuditEvent } from '@/lib/queries/audit';
import { AUDIT_CSV_HEADER, exportAuditCsv } from '@/lib/queries/audit-export';
import { who } from '@/test/session';
import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from './route';

vi.mock('@/lib/auth/current-user', () => import('@/test/session'));

const viewer: SessionUser = { id: 'usr_viewer0000000000000', email: 'vera@example.com', name: 'Vera', role: 'viewer' };
const BASE = Date.UTC(2026, 4, 10, 12, 0, 0);

/** A strict RFC 4180 reader, so the test checks what a spreadsheet would see, not our own encoder. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell, 'the file ends with CRLF').toBe('');
  return out;
}

const event = (i: number, over: Partial<AuditEvent>): AuditEvent => ({
  id: `aud_x${String(i).padStart(19, '0')}`,
  at: new Date(BASE - i * 60_000),
  actorType: 'user',
  actorId: 'usr_ada00000000000000000',
  actorLabel: 'ada@example.com',
  action: 'group.add_member',
  targetType: 'okta_group',
  targetId: '00g1',
  targetLabel: 'Engineering',
  secondTargetType: null,
  secondTargetId: null,
  secondTargetLabel: null,
  integrationId: null,
  outcome: 'success',
  detail: null,
  oktaRequestId: null,
  ip: '127.0.0.1',
  ...over,
});

const tricky = [
  event(0, {
    actorLabel: '=HYPERLINK("http://evil.test","click")',
    outcome: 'denied',
    targetLabel: 'Sales, EMEA',
    detail: '{"reason":"role"}',
  }),
  event(1, { actorLabel: '+1 555 0100', outcome: 'denied', targetLabel: 'line one\nline two' }),
  event(2, { actorLabel: '@admin', outcome: 'denied', targetLabel: 'say "hello"', oktaRequestId: 'req-abc' }),
  event(3, { actorLabel: '-2+3', outcome: 'failure' }),
];
// A membership change names the user first, then the group; the group's name needs quoting and defusing.
const membership = event(4, {
  action: 'group.remove_member',
  outcome: 'failure',
  targetType: 'okta_user',
  targetId: '00u1dana',
  targetLabel: 'dana@example.com',
  secondTargetType: 'okta_group',
  secondTargetId: '00g1finance',
  secondTargetLabel: '=Finance, "EU"',
  detail: '{"outcome":"okta","message":"Okta refused"}',
});
const bulk = Array.from({ length: 300 }, (_, i) =>
  event(10 + i, { outcome: 'success', action: i % 2 ? 'group.add_member' : 'app.assign_user' }),
);

/** The body as a spreadsheet reads it: a UTF-8 BOM first (checked, then dropped), then the CSV. */
async function csvOf(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3));
}

const call = async (query: string) =>
  GET(new Request(`http://localhost/api/audit/export${query}`, { headers: { 'x-forwarded-for': '10.0.0.7' } }));

beforeAll(async () => {
  await dbReady();
  await db.insert(schema.auditEvents).values([...tricky, membership, ...bulk]);
  who.user = viewer;
});

describe(`GET /api/audit/export (${handle.dialect})`, () => {
  it('answers an attachment of CSV with a header row and every matching event', async () => {
    const res = await call('?outcome=denied');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{8}T\d{6}Z\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-export-truncated')).toBe('false');
    const [header, ...rows] = parseCsv(await csvOf(res));
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows.map((r) => r[header!.indexOf('event_id')])).toEqual(tricky.slice(0, 3).map((e) => e.id));
  });

  it('escapes commas, quotes and line breaks, and defuses formulas', async () => {
    const [header, ...rows] = parseCsv(await csvOf(await call('?outcome=denied')));
    const col = (name: string) => rows.map((r) => r[header!.indexOf(name)]);
    expect(col('actor')).toEqual(['\'=HYPERLINK("http://evil.test","click")', "'+1 555 0100", "'@admin"]);
    expect(col('target')).toEqual(['Sales, EMEA', 'line one\nline two', 'say "hello"']);
    expect(col('detail')).toEqual(['{"reason":"role"}', '', '']);
    expect(col('okta_request_id')).toEqual(['', '', 'req-abc']);
    expect(col('time')).toEqual(tricky.slice(0, 3).map((e) => e.at.toISOString()));
    const failure = parseCsv(await csvOf(await call('?outcome=failure')))[1]!;
    expect(failure[header!.indexOf('actor')]).toBe("'-2+3");
  });

  it('names both ends of a change in columns of their own, found by either end', async () => {
    for (const target of ['dana@EXAMPLE', '00u1dana', 'finance, "eu"', '00g1finance']) {
      const [header, ...rows] = parseCsv(await csvOf(await call(`?target=${encodeURIComponent(target)}`)));
      expect(rows, target).toHaveLength(1);
      const cell = (name: string) => rows[0]![header!.indexOf(name)];
      expect(cell('event_id')).toBe(membership.id);
      expect([cell('target_type'), cell('target_id'), cell('target')]).toEqual([
        'okta_user',
        '00u1dana',
        'dana@example.com',
      ]);
      expect([cell('second_target_type'), cell('second_target_id'), cell('second_target')]).toEqual([
        'okta_group',
        '00g1finance',
        '\'=Finance, "EU"',
      ]);
    }
    // An event with one target leaves the second end's columns empty.
    const [header, ...rows] = parseCsv(await csvOf(await call('?outcome=denied')));
    expect(rows.map((r) => r[header!.indexOf('second_target_id')])).toEqual(['', '', '']);
  });

  it('applies every filter it is given', async () => {
    const [header, ...rows] = parseCsv(
      await csvOf(await call('?action=app.*&outcome=success&actor=ADA&integration=none&from=2026-05-10&to=2026-05-10')),
    );
    const want = bulk.filter((e) => e.action === 'app.assign_user' && e.at >= new Date('2026-05-10T00:00:00Z'));
    expect(rows.map((r) => r[header!.indexOf('event_id')])).toEqual(want.map((e) => e.id));
    expect(new Set(rows.map((r) => r[header!.indexOf('action')]))).toEqual(new Set(['app.assign_user']));
  });

  it('answers invalid filters with 400 and the field, and never streams', async () => {
    const res = await call('?outcome=maybe&from=2026-05-10&to=2026-05-01');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(body.fieldErrors).sort()).toEqual(['outcome', 'to']);
  });

  it('records who exported what, in the log itself', async () => {
    await csvOf(await call('?outcome=failure'));
    const [last] = await db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'audit.export'))
      .orderBy(desc(schema.auditEvents.at))
      .limit(1);
    expect(last).toMatchObject({ actorId: viewer.id, actorLabel: viewer.email, outcome: 'success', ip: '10.0.0.7' });
    expect(JSON.parse(last!.detail!)).toMatchObject({ filter: { outcome: 'failure' }, truncated: false });
  });

  it('refuses a signed-out caller', async () => {
    who.user = null;
    expect((await call('')).status).toBe(401);
    who.user = viewer;
  });
});

describe(`exportAuditCsv (${handle.dialect})`, () => {
  it('stops at the row cap, says so, and reads the rows a page at a time', async () => {
    const { stream, truncated } = await exportAuditCsv({ action: 'group.*' }, { maxRows: 120, pageSize: 50 });
    expect(truncated).toBe(true);
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(decoder.decode(r.value));
    expect(chunks).toHaveLength(4); // the header, then pages of 50, 50 and 20
    const rows = parseCsv(chunks.join('').replace(/^\uFEFF/, '')).slice(1);
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => r[AUDIT_CSV_HEADER.indexOf('event_id')])).size).toBe(120);
  });

  it('is not truncated when everything fits, and leaves out events recorded after it started', async () => {
    const { stream, truncated, until } = await exportAuditCsv(
      { action: 'group.*', outcome: 'success' },
      { pageSize: 7 },
    );
    expect(truncated).toBe(false);
    await db
      .insert(schema.auditEvents)
      .values(
        event(999, { id: 'aud_late000000000000000', at: new Date(until.getTime() + 1000), action: 'group.add_member' }),
      );
    const rows = parseCsv(await csvOf(new Response(stream))).slice(1);
    expect(rows).toHaveLength(bulk.filter((e) => e.action === 'group.add_member').length);
    expect(rows.some((r) => r[AUDIT_CSV_HEADER.indexOf('event_id')] === 'aud_late000000000000000')).toBe(false);
  });
});
