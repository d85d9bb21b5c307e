import * as pg from '@/db/schema/pg';
import * as sqlite from '@/db/schema/sqlite';
import { bucketFor } from '@/lib/okta/buckets';
import { describe, expect, it } from 'vitest';
import {
  BULK_KIND_IDS,
  CHANGED_OUTCOMES,
  changedOkta,
  changeInput,
  GRANT_KIND_IDS,
  KIND_IDS,
  kindOf,
  KINDS,
  reverseOf,
  type KindId,
} from '.';
import { auditTargets } from './ends';
import type { End } from './types';

// Every kind is complete: a new kind that misses a part fails here before any screen or job meets it.
describe('the kinds registry', () => {
  it('lists every access operation the console makes, bulk ones marked', () => {
    expect(KIND_IDS).toEqual([
      'group.add_member',
      'group.remove_member',
      'app.assign_user',
      'app.unassign_user',
      'app.assign_group',
      'app.unassign_group',
    ]);
    expect(BULK_KIND_IDS).toEqual(['group.add_member', 'group.remove_member', 'app.assign_user', 'app.unassign_user']);
  });

  it('every bulk kind can be stored as a job on both dialects', () => {
    expect(sqlite.bulkJobs.kind.enumValues).toEqual(BULK_KIND_IDS);
    expect(pg.bulkJobs.kind.enumValues).toEqual(BULK_KIND_IDS);
  });

  it("names the rate-limit bucket Okta files each relation's writes under", () => {
    // The endpoints the kinds' writes call (lib/okta/groups.ts and apps.ts), per relation.
    const writes = {
      membership: ['PUT /api/v1/groups/g/users/u', 'DELETE /api/v1/groups/g/users/u'],
      app_user: ['POST /api/v1/apps/a/users', 'DELETE /api/v1/apps/a/users/u'],
      app_group: ['PUT /api/v1/apps/a/groups/g', 'DELETE /api/v1/apps/a/groups/g'],
    };
    for (const id of KIND_IDS) {
      const { relation } = KINDS[id];
      for (const call of writes[relation.id]) {
        const [method, path] = call.split(' ') as [string, string];
        expect(bucketFor(method, path), `${id}: ${call}`).toBe(relation.bucket);
      }
    }
  });

  it('every kind that gives access can be time-bound, and every time-bound kind can be stored as a grant', () => {
    expect(GRANT_KIND_IDS).toEqual(KIND_IDS.filter((id) => KINDS[id].grants));
    expect(sqlite.grants.kind.enumValues).toEqual(GRANT_KIND_IDS);
    expect(pg.grants.kind.enumValues).toEqual(GRANT_KIND_IDS);
    for (const id of GRANT_KIND_IDS) {
      const words = KINDS[id].timeBound;
      for (const said of [words.what('member-label', 'resource-label'), words.kept('member-label', 'resource-label')]) {
        expect(said, id).toContain('member-label');
        expect(said, id).toContain('resource-label');
      }
    }
  });

  describe.each(KIND_IDS)('%s', (id: KindId) => {
    const kind = kindOf(id);

    it('is registered under its own id, with a label no other kind has', () => {
      expect(kind.id).toBe(id);
      expect(kind.label).not.toBe('');
      expect(KIND_IDS.filter((other) => KINDS[other].label === kind.label)).toEqual([id]);
    });

    it('is undone by a kind of the same relation going the other way, which is undone by it', () => {
      const reverse = kindOf(kind.reverse as KindId);
      expect(reverse.relation).toBe(kind.relation);
      expect(reverse.grants).toBe(!kind.grants);
      expect(reverse.reverse).toBe(id);
      expect(reverse.bulk).toBe(kind.bulk);
    });

    it('says every outcome its write can report, naming both ends', () => {
      const outcomes = [
        kind.changed,
        kind.already,
        ...(id === 'app.unassign_user' ? ['granted_by_group' as const] : []),
      ];
      for (const outcome of outcomes) {
        const said = kind.say[outcome]?.('member-label', 'resource-label', {});
        expect(said, outcome).toContain('member-label');
        expect(said, outcome).toContain('resource-label');
      }
      expect(CHANGED_OUTCOMES).toContain(kind.changed);
      expect(CHANGED_OUTCOMES).not.toContain(kind.already);
      // The API's `changed`: every outcome the kind can say is either a change of Okta or Okta already so.
      for (const outcome of Object.keys(kind.say))
        expect(changedOkta(outcome), outcome).toBe(outcome !== kind.already && outcome !== 'granted_by_group');
    });

    it('has words for a bulk job and its rows left alone', () => {
      expect(kind.job('3 users', 'Target')).toContain('3 users');
      expect(kind.job('3 users', 'Target')).toContain('Target');
      expect(kind.title('Target')).toContain('Target');
      expect(kind.skipped.message).toMatch(/nothing to do/);
      expect(kind.skipped.heading).not.toBe('');
    });

    it('runs as a bulk job only when its relation can list who holds it', () => {
      if (kind.bulk) {
        expect(kind.relation.holders).toBeDefined();
        expect(kind.relation.member).toBe('user');
        expect(reverseOf(id as (typeof BULK_KIND_IDS)[number])).toBe(kind.reverse);
      }
    });

    it('takes its ends from ids named by type, and refuses input missing one', () => {
      const ids = { userId: '00u1', groupId: '00g1', appId: '0oa1' };
      const input = changeInput(id, ids);
      expect(input.resourceId).toBe(ids[`${kind.relation.resource}Id`]);
      expect(input.memberId).toBe(ids[`${kind.relation.member}Id`]);
      expect(() => changeInput(id, { [`${kind.relation.member}Id`]: 'x' })).toThrow(/needs a/);
    });
  });

  it('names a membership user first and an assignment app first in the audit', () => {
    const user: End = { type: 'user', id: '00u1', label: 'dana' };
    const group: End = { type: 'group', id: '00g1', label: 'prod-admins' };
    const app: End = { type: 'app', id: '0oa1', label: 'Salesforce' };
    expect(auditTargets(KINDS['group.add_member'].relation, group, user)).toEqual([user, group]);
    expect(auditTargets(KINDS['app.assign_user'].relation, app, user)).toEqual([app, user]);
    expect(auditTargets(KINDS['app.unassign_group'].relation, app, group)).toEqual([app, group]);
    expect(auditTargets(KINDS['app.assign_user'].relation, app, undefined)).toEqual([app]);
  });

  it('refuses before any call what Okta refuses for every change of a resource', () => {
    const membership = KINDS['group.add_member'].relation;
    const group = (type: string) => ({ id: '00g1', name: 'G', type }) as never;
    const app = (status: string) => ({ id: '0oa1', label: 'A', status }) as never;
    expect(membership.refusal(group('OKTA_GROUP'))).toBeNull();
    expect(membership.refusal(group('APP_GROUP'))).toMatch(/imported from an app/);
    expect(membership.refusal(group('BUILT_IN'))).toMatch(/managed by Okta/);
    // A group that holds an admin role: only a Super Administrator may change its members.
    expect(membership.refusal(group('OKTA_GROUP'), { holdsAdminRole: true })).toMatch(
      /G holds an admin role: Okta lets only a Super Administrator change its members/,
    );
    expect(membership.refusal(group('OKTA_GROUP'), { holdsAdminRole: true, superAdmin: true })).toBeNull();
    expect(KINDS['app.assign_group'].relation.refusal(app('ACTIVE'), { holdsAdminRole: true })).toBeNull();
    for (const id of ['app.assign_user', 'app.assign_group'] as const) {
      expect(KINDS[id].relation.refusal(app('ACTIVE'))).toBeNull();
      expect(KINDS[id].relation.refusal(app('INACTIVE'))).toMatch(/A is inactive: activate it/);
    }
  });
});
