import { describe, expect, it } from 'vitest';
import { accessFilter, causingRequestId, logEventSchema, madeByClient, toAccessChange } from './log-events';

// Reading Okta's events (system-log.md §6–§8): targets by type, not position; rule and group provenance; the
// one link to our audit (WEB transaction id); what counts as this console's own change.

const event = (over: Record<string, unknown> = {}) =>
  logEventSchema.parse({
    uuid: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
    published: '2024-08-13T15:58:20.353Z',
    eventType: 'application.user_membership.add',
    displayMessage: 'Add user to application membership',
    actor: { id: '0oaclient', type: 'PublicClientApp', alternateId: '0oaclient', displayName: 'Console' },
    client: { id: '0oaclient', ipAddress: '10.0.0.1' },
    outcome: { result: 'SUCCESS', reason: null },
    transaction: { type: 'WEB', id: 'W1873sDkmmCcshePrev2GQAAAws', detail: {} },
    debugContext: { debugData: { requestId: 'W1873sDkmmCcshePrev2GQAAAws' } },
    target: [
      { id: '00u1', type: 'User', alternateId: 'ada@example.com', displayName: 'Ada L' },
      { id: '0ua1', type: 'AppUser', alternateId: 'ada', displayName: 'ada' },
      { id: '0oa1', type: 'AppInstance', alternateId: 'Salesforce', displayName: 'Salesforce' },
    ],
    ...over,
  });

describe('toAccessChange', () => {
  it('reads target[] by type whatever the order, and keeps the WEB transaction as the request id', () => {
    const a = toAccessChange(event())!;
    const reversed = toAccessChange(event({ target: [...event().target!].reverse() }))!;
    expect(a).toMatchObject({
      what: 'assigned',
      user: { id: '00u1', login: 'ada@example.com' },
      app: { id: '0oa1', label: 'Salesforce' },
      requestId: 'W1873sDkmmCcshePrev2GQAAAws',
      clientId: '0oaclient',
    });
    expect(reversed).toEqual(a);
    expect(a.group).toBeUndefined();
  });

  it('says "via group" for an app reaching a user in a JOB and "via rule" for Okta System or a rule id', () => {
    const job = { transaction: { type: 'JOB', id: 'J1' } };
    expect(toAccessChange(event(job))).toMatchObject({ via: 'group' });
    expect(causingRequestId(event(job))).toBeUndefined();
    const system = { id: 'system@okta.com', type: 'SystemPrincipal', displayName: 'Okta System' };
    const membership = {
      eventType: 'group.user_membership.add',
      target: [{ id: '00g1', type: 'UserGroup', alternateId: 'unknown', displayName: 'Eng' }],
    };
    expect(toAccessChange(event({ ...membership, actor: system }))).toMatchObject({ via: 'rule', what: 'added' });
    const byRuleId = event({ ...membership, debugContext: { debugData: { triggeredByGroupRuleId: '0pr1' } } });
    expect(toAccessChange(byRuleId)).toMatchObject({ via: 'rule', ruleId: '0pr1' });
  });

  it('ignores other event types, and tolerates a missing client, transaction and debugData', () => {
    expect(toAccessChange(event({ eventType: 'user.session.start' }))).toBeNull();
    const bare = toAccessChange(event({ client: null, transaction: null, debugContext: null }))!;
    expect(bare.requestId).toBeUndefined();
    expect(madeByClient(bare, '0oaclient')).toBe(true); // no client.id: the actor is the app (UNCONFIRMED)
    expect(madeByClient(bare, '0oaother')).toBe(false);
  });
});

describe('accessFilter', () => {
  it('ORs the access event types and ANDs every id, quoted', () => {
    const f = accessFilter({ targetIds: ['00u1', '0oa"x'], actorId: '00uadmin' });
    expect(f).toMatch(
      /^\(eventType eq "group\.user_membership\.add" or .* or eventType eq "group\.application_assignment\.remove"\)/,
    );
    expect(f).toContain(' and target.id eq "00u1" and target.id eq "0oa\\"x" and actor.id eq "00uadmin"');
  });
});
