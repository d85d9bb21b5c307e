'use server';

import { createApiToken, getApiToken, revokeApiToken } from '@/lib/api-tokens/store';
import { recordAudit, userActor } from '@/lib/audit';
import { listIntegrations } from '@/lib/integrations/store';
import { createApiTokenSchema, revokeApiTokenSchema } from '@/lib/validations/api-tokens';
import { revalidatePath } from 'next/cache';
import { defineAction } from './action';
import { fail, ok } from './result';

const DAY_MS = 24 * 60 * 60_000;

/** Creates an API token and returns its secret, the only time anyone sees it (admin only). */
export const createApiTokenAction = defineAction(
  { name: 'api_token.create', role: 'admin', input: createApiTokenSchema },
  async (input, { user, ip }) => {
    const known = new Set((await listIntegrations()).map((i) => i.id));
    const unknown = input.integrationIds.filter((id) => !known.has(id));
    if (unknown.length)
      return fail('invalid_input', 'Check the highlighted fields.', {
        integrationIds: [`No such integration: ${unknown.join(', ')}. Reload the page.`],
      });
    const now = new Date();
    const expiresAt =
      input.expiresInDays === 'never' ? null : new Date(now.getTime() + Number(input.expiresInDays) * DAY_MS);
    const { token, secret } = await createApiToken(
      { name: input.name, access: input.access, integrationIds: input.integrationIds, expiresAt, createdBy: user.id },
      now,
    );
    await recordAudit({
      actor: userActor(user),
      action: 'api_token.create',
      outcome: 'success',
      target: { type: 'api_token', id: token.id, label: token.name },
      detail: {
        access: token.access,
        integrationIds: token.integrationIds,
        expiresAt: expiresAt?.toISOString() ?? null,
        prefix: token.prefix,
      },
      ip,
    });
    revalidatePath('/settings');
    return ok(
      { id: token.id, name: token.name, secret },
      `Token “${token.name}” created. Copy it now: it is shown only once.`,
    );
  },
);

/** Revokes an API token; requests with it fail from the next one on (admin only). */
export const revokeApiTokenAction = defineAction(
  { name: 'api_token.revoke', role: 'admin', input: revokeApiTokenSchema },
  async ({ tokenId }, { user, ip }) => {
    const existing = await getApiToken(tokenId);
    if (!existing) return fail('not_found', 'That API token no longer exists.');
    const revoked = await revokeApiToken(tokenId, user.id);
    if (!revoked) return fail('conflict', `“${existing.name}” was already revoked.`);
    await recordAudit({
      actor: userActor(user),
      action: 'api_token.revoke',
      outcome: 'success',
      target: { type: 'api_token', id: revoked.id, label: revoked.name },
      detail: { prefix: revoked.prefix },
      ip,
    });
    revalidatePath('/settings');
    return ok(undefined, `“${revoked.name}” is revoked. Tools using it now get 401.`);
  },
);
