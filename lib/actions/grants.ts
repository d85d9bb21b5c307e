'use server';

import { endGrantNow, extendGrant, keepGrant, type ManageResult } from '@/lib/grants/service';
import type { GrantRow } from '@/lib/grants/store';
import { extendGrantSchema, grantRefSchema } from '@/lib/validations/grants';
import { revalidatePath } from 'next/cache';
import { defineAction, type ActionContext } from './action';
import { fail, ok, type ActionResult } from './result';

// Managing a time-bound grant (the Temporary access page): each step is audited in lib/grants.
const grantContext = (integrationId: string, { user, ip }: ActionContext) => ({
  integrationId,
  actor: { type: 'user' as const, id: user.id, label: user.email },
  ip,
});

function toResult(r: ManageResult, integrationId: string): ActionResult<Pick<GrantRow, 'id' | 'state'>> {
  revalidatePath(`/directory/${integrationId}`, 'layout');
  if (r.ok) return ok({ id: r.grant.id, state: r.grant.state }, r.message);
  return fail(r.code, r.message, r.field ? { [r.field]: [r.message] } : undefined);
}

/** A new end for an active or overdue grant. */
export const extendGrantAction = defineAction(
  { name: 'grant.extend', role: 'operator', input: extendGrantSchema },
  async (i, ctx) =>
    toResult(await extendGrant(grantContext(i.integrationId, ctx), i.grantId, i.expiresAt), i.integrationId),
);

/** Ends a grant now: its access is taken back, unless it existed before the grant. */
export const endGrantNowAction = defineAction(
  { name: 'grant.end_now', role: 'operator', input: grantRefSchema },
  async (i, ctx) => toResult(await endGrantNow(grantContext(i.integrationId, ctx), i.grantId), i.integrationId),
);

/** Keeps a grant's access for good: it no longer ends. */
export const makeGrantPermanentAction = defineAction(
  { name: 'grant.make_permanent', role: 'operator', input: grantRefSchema },
  async (i, ctx) => toResult(await keepGrant(grantContext(i.integrationId, ctx), i.grantId), i.integrationId),
);
