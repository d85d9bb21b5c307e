import { who } from '@/test/session';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Okta's reason on reads too (issue 12 item 3): an action whose Okta read fails answers with the same words as a
// failed change and Okta's request id, and a page's read shows them in place; never "something went wrong".
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
who.user = { id: `usr_${'o'.repeat(20)}`, email: 'otto@example.com', name: 'Otto', role: 'operator' };
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({ headers: () => Promise.resolve(new Headers({ 'x-forwarded-for': '127.0.0.9' })) }));

const { startSimulator } = await import('@/sim/okta');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const { deleteIntegration } = await import('@/lib/integrations/store');
const { checkMembershipAction } = await import('./access');
const { verifyWriteAccessAction } = await import('./integrations');
const { oktaRead } = await import('@/lib/queries/okta-read');
const { userView } = await import('@/lib/queries/directory');

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let ada: string, eng: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  ada = sim.control.createUser({ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }).id;
  eng = sim.control.createGroup({ name: 'Engineering' }).id;
});
afterAll(() => sim?.close());

describe('an Okta read that fails', () => {
  it('in an action: the missing scope is named, with Okta’s request id', async () => {
    const integrationId = await simIntegration(sim, { scopes: ['okta.users.read', 'okta.apps.read'] });
    const r = await checkMembershipAction({ integrationId, userId: ada, groupId: eng });
    expect(r).toMatchObject({ ok: false, code: 'upstream' });
    if (r.ok) return;
    expect(r.error).toMatch(/lacks the okta\.groups\.read scope.*\(Okta request id \S+\)/);
    expect(r.error).not.toMatch(/Something went wrong/);
  });

  it('in a page: the failure is returned to show in place; a deleted integration is a 404', async () => {
    const integrationId = await simIntegration(sim, { roles: [] });
    const read = await oktaRead(integrationId, () => userView(integrationId, ada));
    expect(read).toMatchObject({
      ok: false,
      failure: { integrationId, message: expect.stringMatching(/admin roles do not cover this/) as unknown },
    });
    if (!read.ok) expect(read.failure.requestId).toMatch(/\S{8,}/);

    await deleteIntegration(integrationId);
    await expect(oktaRead(integrationId, () => userView(integrationId, ada))).rejects.toThrow(
      /NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/,
    );
  });

  it('Verify write access on an integration that is gone: a plain not-found answer', async () => {
    const r = await verifyWriteAccessAction({ integrationId: `int_${'z'.repeat(20)}` });
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
  });
});
