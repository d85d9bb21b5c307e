import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// One Okta client per integration in a process: the directory pages, single changes and the bulk worker share
// its token and its pacing. (The registry lives on globalThis, so the production build's several server chunks
// share it too.)
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const h = await import('@/lib/jobs/test-support/harness');
const { oktaFor } = await import('./okta-for');
const { simIntegration } = await import('./test-support/sim-integration');
const { getIntegration, setRateLimitShare, updateIntegration } = await import('./store');
const { changeAccess } = await import('@/lib/access/operations');
const svc = await import('@/lib/jobs/service');
const { startWorker } = await import('@/lib/jobs/worker');

let sim: Simulator;
beforeAll(async () => {
  sim = await h.startSim();
});
afterAll(() => sim?.close());

describe('one Okta client per integration', () => {
  it('a read, a single change and a bulk job share one client and one token', async () => {
    const integrationId = await h.simIntegration(sim);
    const group = sim.control.createGroup({ name: 'Shared client' });
    const users = h.makeUsers(sim, 'shared-client-', 5);
    const before = sim.control.stats().tokensIssued;

    // A page's read, as the directory pages make it.
    await (await oktaFor(integrationId)).client.groups.search({ q: 'Shared' }, { maxItems: 1 });
    const single = await changeAccess({ integrationId, actor: h.ACTOR }, 'group.add_member', {
      resourceId: group.id,
      memberId: users[0]!.id,
    });
    expect(single.ok).toBe(true);
    const preview = await svc.previewBulkJob(
      { integrationId, actor: h.ACTOR },
      { kind: 'group.add_member', targetId: group.id, text: users.map((u) => u.login).join('\n') },
    );
    if (!preview.ok) throw new Error(preview.error);
    expect((await svc.confirmBulkJob({ integrationId, actor: h.ACTOR }, preview.job.id)).ok).toBe(true);
    const worker = startWorker({ pollMs: 20 });
    await worker.whenIdle();
    await worker.stop();

    expect(new Set(sim.control.getGroupMemberIds(group.id))).toEqual(new Set(users.map((u) => u.id)));
    expect(sim.control.stats().tokensIssued - before).toBe(1);
    const { client } = await oktaFor(integrationId);
    expect((await oktaFor(integrationId)).client).toBe(client);
    expect(client.rateLimits().map((b) => b.bucket)).toEqual(expect.arrayContaining(['groups', 'users']));
  });

  it('asks for the optional okta.logs.read only once a connection test saw it granted', async () => {
    const scopes = ['okta.users.manage', 'okta.groups.manage', 'okta.apps.manage', 'okta.logs.read'];
    const integrationId = await simIntegration(sim, { scopes, createdBy: h.ACTOR.id });
    const before = (await oktaFor(integrationId)).client;
    expect((await before.tokenInfo()).grantedScopes).not.toContain('okta.logs.read');
    await updateIntegration(integrationId, { grantedScopes: [...scopes, 'okta.users.read'] }, 'usr_test');
    const after = (await oktaFor(integrationId)).client;
    expect(after).not.toBe(before);
    expect((await after.tokenInfo()).grantedScopes).toContain('okta.logs.read');
  });

  it('changing the rate-limit share keeps the client (and its token); a credentials change replaces it', async () => {
    const integrationId = await h.simIntegration(sim);
    const { client } = await oktaFor(integrationId);
    const updatedAt = (await getIntegration(integrationId))!.updatedAt;
    expect(await setRateLimitShare(integrationId, 60, 'usr_test')).toBe(true);
    const after = await oktaFor(integrationId);
    expect(after.integration).toMatchObject({ rateLimitShare: 60, updatedAt });
    expect(after.client).toBe(client);
    expect(await setRateLimitShare('int_missing', 60, 'usr_test')).toBe(false);
  });
});
