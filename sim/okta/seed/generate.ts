// Only the English locale's name lists are used (the full faker bundle costs ~5x the import time).
import { faker } from '@faker-js/faker/locale/en';
import type { Directory } from '../core/directory';
import type { UserStatus } from '../core/types';
import { APP_CATALOG, DEPARTMENTS, REGIONS, TITLES } from './catalog';
import { pick, prng } from './prng';

export interface SeedOptions {
  users: number;
  groups: number;
  apps: number;
  /** PRNG seed; the same options always give the same org. */
  seed?: number;
}

export type SeedName = 'empty' | 'tiny' | 'demo' | 'small' | 'large' | 'huge';

export const SEED_PRESETS: Record<SeedName, SeedOptions> = {
  empty: { users: 0, groups: 0, apps: 0 },
  tiny: { users: 12, groups: 5, apps: 4 },
  demo: { users: 300, groups: 36, apps: 20 },
  small: { users: 2_000, groups: 60, apps: 30 },
  large: { users: 20_000, groups: 500, apps: 120 },
  huge: { users: 100_000, groups: 2_000, apps: 300 },
};

const DAY = 86_400_000;
// Seed timestamps are fixed so that every run (and every id) is identical.
const EPOCH = Date.UTC(2021, 0, 4, 9, 0, 0, 0);

const people = faker.definitions.person as unknown as {
  first_name: { generic?: string[] };
  last_name: { generic?: string[] };
};
const FIRST = people.first_name.generic ?? ['Alex'];
const LAST = people.last_name.generic ?? ['Smith'];
const STATUSES: Array<[UserStatus, number]> = [
  ['ACTIVE', 0.86],
  ['STAGED', 0.03],
  ['PROVISIONED', 0.03],
  ['SUSPENDED', 0.02],
  ['LOCKED_OUT', 0.01],
  ['PASSWORD_EXPIRED', 0.02],
  ['DEPROVISIONED', 0.03],
];

/** Fills an empty directory. Always creates the BUILT_IN Everyone group, like every Okta org. */
export function seedDirectory(dir: Directory, options: SeedOptions): void {
  const rand = prng(options.seed ?? 20240229);
  let clock = EPOCH;
  const tick = () => (clock += Math.floor(rand() * 3_600_000));
  dir.createGroup({ name: 'Everyone', description: 'All users in your organization', type: 'BUILT_IN' }, EPOCH);

  const apps = seedApps(dir, options.apps, rand, tick);
  const groupIds = seedGroups(dir, Math.max(0, options.groups - 1), rand, tick, apps);
  seedUsers(dir, options.users, rand, tick, groupIds);
  seedAssignments(dir, apps, groupIds, rand);
}

function seedApps(dir: Directory, count: number, rand: () => number, tick: () => number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = APP_CATALOG[i % APP_CATALOG.length]!;
    const round = Math.floor(i / APP_CATALOG.length);
    const label = round === 0 ? base.label : `${base.label} ${REGIONS[round % REGIONS.length]} ${round}`;
    // Roughly one app in eight is deactivated, so INACTIVE handling is always exercised.
    const status = i % 8 === 7 ? 'INACTIVE' : 'ACTIVE';
    ids.push(dir.createApp({ ...base, label, status }, tick()).id);
  }
  void rand;
  return ids;
}

function seedGroups(dir: Directory, count: number, rand: () => number, tick: () => number, apps: string[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const round = Math.floor(i / DEPARTMENTS.length);
    // Every fifth group is imported from an app (APP_GROUP), the rest are Okta-mastered.
    if (i % 5 === 4 && apps.length > 0) {
      const name = `${dept.replace(/\s+/g, '-')}-${pick(rand, ['Readers', 'Writers', 'Admins'])}${round ? `-${round}` : ''}`;
      ids.push(
        dir.createGroup(
          { name, description: `Imported ${dept} group`, type: 'APP_GROUP', sourceAppId: pick(rand, apps) },
          tick(),
        ).id,
      );
      continue;
    }
    const name = round === 0 ? dept : `${dept} ${REGIONS[round % REGIONS.length]} Team ${round}`;
    ids.push(dir.createGroup({ name, description: `${name} members` }, tick()).id);
  }
  return ids;
}

function seedUsers(dir: Directory, count: number, rand: () => number, tick: () => number, groupIds: string[]): void {
  const taken = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const firstName = pick(rand, FIRST);
    const lastName = pick(rand, LAST);
    const stem = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    const n = taken.get(stem) ?? 0;
    taken.set(stem, n + 1);
    const login = `${stem}${n ? n + 1 : ''}@example.com`;
    const department = pick(rand, DEPARTMENTS);
    let r = rand();
    let status: UserStatus = 'ACTIVE';
    for (const [s, p] of STATUSES) {
      if ((r -= p) < 0) {
        status = s;
        break;
      }
    }
    const at = i < 50 ? tick() : EPOCH + Math.floor(rand() * 1500) * DAY;
    const user = dir.createUser(
      {
        firstName,
        lastName,
        mobilePhone: null,
        secondEmail: null,
        login,
        email: login,
        department,
        title: `${department} ${pick(rand, TITLES)}`,
        employeeNumber: String(100000 + i),
      },
      status,
      at,
    );
    if (user.status === 'ACTIVE' && rand() < 0.7) user.lastLogin = at + Math.floor(rand() * 200) * DAY;
    if (groupIds.length === 0) continue;
    // Department-aligned group first, then a couple of random ones, so group sizes vary a lot.
    const memberships = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < memberships; k++) {
      const gid = k === 0 ? groupIds[DEPARTMENTS.indexOf(department) % groupIds.length]! : pick(rand, groupIds);
      dir.addMember(gid, user.id, at);
    }
  }
}

function seedAssignments(dir: Directory, apps: string[], groupIds: string[], rand: () => number): void {
  const userIds = dir.userIds.values();
  apps.forEach((appId, i) => {
    // The first app is org-wide (assigned to Everyone), the others to one or two groups and a few users.
    if (i === 0 && dir.everyoneId) dir.assignGroup(appId, dir.everyoneId, { priority: 0 }, EPOCH);
    else if (groupIds.length > 0) {
      const n = 1 + Math.floor(rand() * 2);
      for (let k = 0; k < n; k++) dir.assignGroup(appId, pick(rand, groupIds), {}, EPOCH + i * DAY);
    }
    const direct = Math.min(25, Math.floor(userIds.length / 20));
    for (let k = 0; k < direct; k++) dir.assignUser(appId, pick(rand, userIds), {}, EPOCH + (i + k) * DAY);
  });
}
