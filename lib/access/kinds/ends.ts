import type { OktaApp, OktaClient, OktaGroup, OktaUser } from '@/lib/okta';
import type { End, EndType, Relation } from './types';

// Reading the ends of a change from Okta: each as the audit names it, and the refusals Okta would make for the
// resource before any write (a group imported from an app, an inactive app).

export type Found = { end: End; raw: OktaUser | OktaGroup | OktaApp };

const READ: Record<EndType, (okta: OktaClient, id: string) => Promise<Found | null>> = {
  user: async (okta, id) => {
    const u = await okta.users.get(id);
    return u && { end: { type: 'user', id: u.id, label: u.login }, raw: u };
  },
  group: async (okta, id) => {
    const g = await okta.groups.get(id);
    return g && { end: { type: 'group', id: g.id, label: g.name }, raw: g };
  },
  app: async (okta, id) => {
    const a = await okta.apps.get(id);
    return a && { end: { type: 'app', id: a.id, label: a.label }, raw: a };
  },
};

export const NOT_FOUND: Record<EndType, string> = {
  user: 'No such user in this Okta org.',
  group: 'No such group in this Okta org.',
  app: 'No such app (or it is inactive) in this Okta org.',
};

export const readEnd = (okta: OktaClient, type: EndType, id: string) => READ[type](okta, id);

export type ResourceCheck =
  { ok: true; end: End } | { ok: false; reason: 'not_found' | 'refused'; message: string; end?: End };

/** The resource of a change (a bulk job's group or app), refused up front for what Okta would refuse. */
export async function checkResource(okta: OktaClient, relation: Relation, id: string): Promise<ResourceCheck> {
  const found = await readEnd(okta, relation.resource, id);
  if (!found) return { ok: false, reason: 'not_found', message: NOT_FOUND[relation.resource] };
  const refusal = relation.refusal(found.raw as OktaGroup | OktaApp);
  return refusal ? { ok: false, reason: 'refused', message: refusal, end: found.end } : { ok: true, end: found.end };
}

/** The audit's targets of a change, in its relation's order (the user first for a membership). */
export const auditTargets = (relation: Relation, resource: End | undefined, member: End | undefined) =>
  (relation.memberFirst ? [member, resource] : [resource, member]).filter((e): e is End => e !== undefined);

/** As the audit log stores a target. */
const auditTarget = (end: End) => ({ type: `okta_${end.type}`, id: end.id, label: end.label });

/** A change's (or check's) ends as an audit event stores them: `target` first, `secondTarget` the other end. */
export function auditEnds(relation: Relation, resource: End | undefined, member: End | undefined) {
  const [target, secondTarget] = auditTargets(relation, resource, member).map(auditTarget);
  return { target, secondTarget };
}
