import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOktaClient, type OktaClient } from './client';
import { startFakeOkta, type FakeOkta } from './test-support/fake-okta';

// Writes whose answer is lost (a 5xx after the change was applied) must not be sent twice.
let fake: FakeOkta;
let okta: OktaClient;
let member = false;
let puts = 0;
let deletes = 0;
const group = { id: 'g1', type: 'OKTA_GROUP', profile: { name: 'G', description: null } };

beforeEach(async () => {
  fake = await startFakeOkta();
  member = false;
  puts = 0;
  deletes = 0;
  fake.api = (r) => {
    if (r.path === '/api/v1/users/u1/groups') return { status: 200, body: member ? [group] : [] };
    if (r.path === '/api/v1/groups/g1/users/u1' && r.method === 'PUT') {
      puts++;
      member = true;
      return puts === 1
        ? { status: 503, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } }
        : { status: 204 };
    }
    if (r.path === '/api/v1/groups/g1/users/u1' && r.method === 'DELETE') {
      deletes++;
      member = false;
      return deletes === 1 ? { status: 502 } : { status: 204 };
    }
    return undefined;
  };
  okta = createOktaClient(
    {
      domain: fake.origin,
      clientId: fake.clientId,
      keyId: fake.kid,
      privateKey: fake.privateKeyPem,
      authMode: 'bearer',
    },
    { allowedOrigins: [fake.origin], retryBaseMs: 1 },
  );
});
afterEach(() => fake.close());

describe('writes after a lost answer', () => {
  it('a membership PUT that landed before its 503 is verified, not resent', async () => {
    expect(await okta.groups.addMember('g1', 'u1')).toMatchObject({ outcome: 'added' });
    expect(puts).toBe(1);
  });

  it('a membership DELETE that landed before its 502 is verified, not resent', async () => {
    member = true;
    expect(await okta.groups.removeMember('g1', 'u1')).toMatchObject({ outcome: 'removed' });
    expect(deletes).toBe(1);
  });

  it('a write that did not land is resent', async () => {
    fake.script.push({ match: (r) => r.method === 'PUT', reply: { status: 500 } });
    expect(await okta.groups.addMember('g1', 'u1')).toMatchObject({ outcome: 'added' });
    // scripted 500 (not applied), then the handler's own 503 after applying: one real PUT reached the handler
    expect(puts).toBe(1);
    expect(member).toBe(true);
  });
});
