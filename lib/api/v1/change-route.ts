import 'server-only';

import { changeInput, type EndIds, type GrantKindId, type KindId } from '@/lib/access/kinds';
import { changeAccess } from '@/lib/access/operations';
import { grantAccess } from '@/lib/grants/service';
import type { z } from 'zod';
import { defineApiRoute } from './gate';
import { grantJson } from './grants';
import { accessResponse, apiError } from './respond';

/** The route of one access change of `kind`: its params (and body) name the kind's ends; 200/404/409/502. */
export const changeRoute = <
  P extends z.ZodType<{ integrationId: string } & EndIds>,
  B extends z.ZodType<EndIds> = z.ZodType<EndIds>,
>(
  kind: KindId,
  params: P,
  body?: B,
) =>
  defineApiRoute({ name: kind, access: 'write', params, body }, async ({ params: p, body: b, actor, ip }) =>
    accessResponse(
      await changeAccess(
        { integrationId: p.integrationId, actor, ip },
        kind,
        changeInput(kind, { ...p, ...(b as EndIds | undefined) }),
      ),
    ),
  );

type GrantBody = EndIds & { expiresAt?: Date; reason?: string };

/**
 * The route of a change that gives access: permanent as `changeRoute`, or with `expiresAt` and `reason` a
 * time-bound grant (its answer carries `grant`); an end refused is 400 naming `expiresAt`, and nothing changes.
 */
export const grantRoute = <P extends z.ZodType<{ integrationId: string } & EndIds>, B extends z.ZodType<GrantBody>>(
  kind: GrantKindId,
  params: P,
  body: B,
) =>
  defineApiRoute({ name: kind, access: 'write', params, body }, async ({ params: p, body: raw, token, actor, ip }) => {
    const { expiresAt, reason, ...ends } = raw as GrantBody;
    const input = changeInput(kind, { ...p, ...ends });
    const ctx = { integrationId: p.integrationId, ip };
    if (!expiresAt) return accessResponse(await changeAccess({ ...ctx, actor }, kind, input));
    const r = await grantAccess({ ...ctx, actor: { type: 'token', id: token.id, label: token.name } }, kind, input, {
      endsAt: expiresAt,
      reason: reason ?? '',
    });
    if (!r.ok && r.reason === 'invalid')
      return apiError(400, 'invalid_request', r.message, { fields: { [r.field]: [r.message] } });
    return accessResponse(r, r.grant ? { grant: grantJson(r.grant) } : {});
  });
