import 'server-only';

import { membershipRefusal } from '@/lib/access/operations';
import type { OktaClient, OktaUser } from '@/lib/okta';
import type { Entry } from './parse';
import { isGroupKind, type ItemOutcome, type JobKind, type UnresolvedLine } from './types';

// Pasted entries → Okta users, and which of them are already in the job's target state.

/**
 * Okta documents no URL length limit; 4 KB keeps every request well under the 8 KB that common proxies
 * and servers accept. One `search` carries as many `or` clauses as fit (UNCONFIRMED: a cap on clauses).
 */
const MAX_SEARCH_CHARS = 3_500;
/** Entries the search did not match get one direct GET each (search is eventually consistent), up to this many. */
const MAX_DIRECT_LOOKUPS = 100;
const CANDIDATES_SHOWN = 5;

const literal = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const clause = (e: Entry) =>
  e.kind === 'id'
    ? `id eq ${literal(e.input)}`
    : `profile.login eq ${literal(e.input)} or profile.email eq ${literal(e.input)}`;

/** Entries grouped into `search` expressions that fit the URL budget. */
export function searchBatches(entries: Entry[]): { entries: Entry[]; search: string }[] {
  const out: { entries: Entry[]; search: string }[] = [];
  let cur: Entry[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const e of entries) {
    const c = clause(e);
    const cost = encodeURIComponent(c).length + 8; // + the encoded " or "
    if (cur.length > 0 && size + cost > MAX_SEARCH_CHARS) {
      out.push({ entries: cur, search: parts.join(' or ') });
      cur = [];
      parts = [];
      size = 0;
    }
    cur.push(e);
    parts.push(c);
    size += cost;
  }
  if (cur.length) out.push({ entries: cur, search: parts.join(' or ') });
  return out;
}

async function pool<T, R>(list: T[], width: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(list.length);
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await fn(list[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, list.length) }, lane));
  return out;
}

export type Resolution = { found: { entry: Entry; user: OktaUser }[]; unresolved: UnresolvedLine[] };

/** Ids and logins/emails via batched `search` (one request per ~30 entries), then a GET for the few left. */
export async function resolveEntries(okta: OktaClient, entries: Entry[]): Promise<Resolution> {
  const byId = new Map<string, OktaUser>();
  const byLogin = new Map<string, OktaUser>();
  const byEmail = new Map<string, OktaUser[]>();
  const learn = (u: OktaUser) => {
    if (byId.has(u.id)) return;
    byId.set(u.id, u);
    byLogin.set(u.login.toLowerCase(), u);
    if (u.email) byEmail.set(u.email.toLowerCase(), [...(byEmail.get(u.email.toLowerCase()) ?? []), u]);
  };
  const batches = searchBatches(entries);
  const results = await pool(batches, Math.max(1, Math.floor(okta.concurrency / 2)), async (b) => {
    const found: OktaUser[] = [];
    // An email shared by many users can match more than a page; follow `next` up to a bound.
    for await (const u of okta.users.list({ search: b.search }, { maxItems: 2_000 })) found.push(u);
    return found;
  });
  for (const list of results) list.forEach(learn);

  const match = (e: Entry): OktaUser[] => {
    if (e.kind === 'id') return byId.has(e.input) ? [byId.get(e.input)!] : [];
    const key = e.input.toLowerCase();
    const login = byLogin.get(key);
    return login ? [login] : (byEmail.get(key) ?? []);
  };
  const missing = entries.filter((e) => match(e).length === 0).slice(0, MAX_DIRECT_LOOKUPS);
  const direct = await pool(missing, okta.concurrency, (e) => okta.users.get(e.input));
  direct.forEach((u) => u && learn(u));

  const out: Resolution = { found: [], unresolved: [] };
  const taken = new Map<string, Entry>();
  for (const entry of entries) {
    const users = match(entry);
    if (users.length === 0) {
      out.unresolved.push({
        line: entry.line,
        input: entry.input,
        reason: 'not_found',
        message:
          entry.kind === 'id'
            ? 'No user with this id in this Okta org.'
            : 'No user with this login or email in this Okta org.',
      });
    } else if (users.length > 1) {
      out.unresolved.push({
        line: entry.line,
        input: entry.input,
        reason: 'ambiguous',
        message: `${users.length} users have this email: paste their logins or ids instead.`,
        candidates: users.slice(0, CANDIDATES_SHOWN).map((u) => ({ id: u.id, login: u.login })),
      });
    } else {
      const user = users[0]!;
      const first = taken.get(user.id);
      if (first)
        out.unresolved.push({
          line: entry.line,
          input: entry.input,
          reason: 'duplicate',
          message: `Same user as line ${first.line} (${user.login}).`,
        });
      else {
        taken.set(user.id, entry);
        out.found.push({ entry, user });
      }
    }
  }
  return out;
}

export type TargetCheck =
  { ok: true; id: string; label: string } | { ok: false; reason: 'not_found' | 'refused'; message: string };

/** The job's group or app, once per job; refused up front for what Okta would refuse for every row. */
export async function resolveTarget(okta: OktaClient, kind: JobKind, targetId: string): Promise<TargetCheck> {
  if (isGroupKind(kind)) {
    const group = await okta.groups.get(targetId);
    if (!group) return { ok: false, reason: 'not_found', message: 'No such group in this Okta org.' };
    const refusal = membershipRefusal(group);
    return refusal ? { ok: false, reason: 'refused', message: refusal } : { ok: true, id: group.id, label: group.name };
  }
  const app = await okta.apps.get(targetId);
  if (!app) return { ok: false, reason: 'not_found', message: 'No such app (or it is inactive) in this Okta org.' };
  if (app.status !== 'ACTIVE')
    return {
      ok: false,
      reason: 'refused',
      message: `${app.label} is ${app.status.toLowerCase()}: activate it in Okta before changing assignments.`,
    };
  return { ok: true, id: app.id, label: app.label };
}

/** The outcome recorded for a row whose user is already in the job's target state. */
export const ALREADY: Record<JobKind, ItemOutcome> = {
  'group.add_member': 'already_member',
  'group.remove_member': 'not_member',
  'app.assign_user': 'already_assigned',
  'app.unassign_user': 'not_assigned',
};

export const ALREADY_MESSAGES: Partial<Record<ItemOutcome, string>> = {
  already_member: 'Already a member: nothing to do.',
  not_member: 'Not a member: nothing to do.',
  already_assigned: 'Already assigned directly: nothing to do.',
  not_assigned: 'Does not have the app: nothing to do.',
};

/**
 * Users already in the target state → the outcome to record as skipped. Reads whichever is cheaper: the
 * group's members (app's users) page by page, or one read per user. The list is tried first with a budget
 * of as many pages as there are users; past that, the per-user reads win, so at most twice the cheaper cost.
 */
export async function alreadyInState(
  okta: OktaClient,
  kind: JobKind,
  targetId: string,
  userIds: string[],
): Promise<Map<string, ItemOutcome>> {
  const out = new Map<string, ItemOutcome>();
  if (userIds.length === 0) return out;
  const wanted = new Set(userIds);
  const outcome = ALREADY[kind];
  const group = isGroupKind(kind);
  const pageSize = group ? 200 : 500;
  // Direct assignment (scope USER) or any membership: what the target state is measured against.
  const holds = new Map<string, boolean>();
  let complete = true;
  let seen = 0;
  const budget = userIds.length * pageSize;
  const listing = group
    ? okta.groups.members(targetId, { pageSize, maxItems: budget + 1 })
    : mapIter(okta.apps.users(targetId, { pageSize, maxItems: budget + 1 }), (a) => ({
        id: a.userId,
        direct: a.scope === 'USER',
      }));
  for await (const m of listing as AsyncIterable<{ id: string; direct?: boolean }>) {
    if (++seen > budget) {
      complete = false;
      break;
    }
    if (wanted.has(m.id)) holds.set(m.id, group ? true : m.direct === true);
  }
  if (!complete) {
    holds.clear();
    const reads = await pool(userIds, okta.concurrency, async (id) =>
      group
        ? (await okta.users.groups(id)).some((g) => g.id === targetId)
        : ((await okta.apps.getUser(targetId, id))?.scope ?? null),
    );
    userIds.forEach((id, i) => {
      const r = reads[i];
      if (group) holds.set(id, r === true);
      else if (r !== null) holds.set(id, r === 'USER');
    });
  }
  for (const id of userIds) {
    const has = holds.get(id);
    // assign: already there only when directly assigned; unassign: nothing to do only when not assigned at all.
    const inState =
      kind === 'group.add_member' || kind === 'app.assign_user'
        ? has === true
        : group
          ? has !== true
          : has === undefined;
    if (inState) out.set(id, outcome);
  }
  return out;
}

async function* mapIter<T, R>(it: AsyncIterable<T>, fn: (x: T) => R): AsyncGenerator<R> {
  for await (const x of it) yield fn(x);
}
