import 'server-only';

import { KINDS, type Holding } from '@/lib/access/kinds';
import { checkResource } from '@/lib/access/kinds/ends';
import { filterString, type OktaClient, type OktaUser } from '@/lib/okta';
import type { Entry } from './parse';
import type { JobKind, UnresolvedLine } from './types';

// Pasted entries → Okta users, and which of them are already in the job's target state.

/**
 * Okta documents no URL length limit; 4 KB keeps every request well under the 8 KB that common proxies
 * and servers accept. One `search` carries as many `or` clauses as fit (UNCONFIRMED: a cap on clauses).
 */
const MAX_SEARCH_CHARS = 3_500;
/** Entries the search did not match get one direct GET each (search is eventually consistent), up to this many. */
const MAX_DIRECT_LOOKUPS = 100;
const CANDIDATES_SHOWN = 5;

const clause = (e: Entry) =>
  e.kind === 'id'
    ? `id eq ${filterString(e.input)}`
    : `profile.login eq ${filterString(e.input)} or profile.email eq ${filterString(e.input)}`;

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

/** The job's group or app, once per job; refused up front for what Okta would refuse for every row. */
export async function resolveTarget(okta: OktaClient, kind: JobKind, targetId: string): Promise<TargetCheck> {
  const r = await checkResource(okta, KINDS[kind].relation, targetId);
  return r.ok ? { ok: true, id: r.end.id, label: r.end.label } : { ok: false, reason: r.reason, message: r.message };
}

export type TargetCheck =
  { ok: true; id: string; label: string } | { ok: false; reason: 'not_found' | 'refused'; message: string };

/**
 * Users already in the target state (the kind's `already` outcome is recorded for them as skipped). Reads
 * whichever is cheaper: the resource's holders page by page, or one read per user. The list is tried first with
 * a budget of as many pages as there are users; past that, the per-user reads win, so at most twice the cheaper
 * cost. A grant is already so when the user holds it directly; a revoke when the user does not hold it at all
 * (an app that comes through a group is sent, and Okta's refusal reported).
 */
export async function alreadyInState(
  okta: OktaClient,
  kindId: JobKind,
  targetId: string,
  userIds: string[],
): Promise<Set<string>> {
  const kind = KINDS[kindId];
  const holders = kind.relation.holders;
  if (!holders) throw new Error(`${kindId} has no holders reader: it cannot run as a bulk job`);
  if (userIds.length === 0) return new Set();
  const wanted = new Set(userIds);
  const holding = new Map<string, Holding>();
  const budget = userIds.length * holders.pageSize;
  let seen = 0;
  for await (const h of holders.list(okta, targetId, { pageSize: holders.pageSize, maxItems: budget + 1 })) {
    if (++seen > budget) {
      holding.clear();
      const reads = await pool(userIds, okta.concurrency, (id) => holders.read(okta, targetId, id));
      userIds.forEach((id, i) => holding.set(id, reads[i]!));
      break;
    }
    if (wanted.has(h.id)) holding.set(h.id, h.holding);
  }
  const inState = (h: Holding) => (kind.grants ? h === 'direct' : h === 'none');
  return new Set(userIds.filter((id) => inState(holding.get(id) ?? 'none')));
}
