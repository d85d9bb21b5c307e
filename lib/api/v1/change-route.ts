import 'server-only';

import { changeInput, type EndIds, type KindId } from '@/lib/access/kinds';
import { changeAccess } from '@/lib/access/operations';
import type { z } from 'zod';
import { defineApiRoute } from './gate';
import { accessResponse } from './respond';

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
