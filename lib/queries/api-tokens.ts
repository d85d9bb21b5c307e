import 'server-only';

import { apiRuntime } from '@/lib/api-tokens/rate-limit';
import { listApiTokens, tokenState } from '@/lib/api-tokens/store';
import { requireUser } from '@/lib/auth/guard';
import { listConsoleUsers } from '@/lib/auth/users';
import { listIntegrations } from '@/lib/integrations/store';

/** API tokens for the Settings page (admins only): never the hash, with names instead of ids. */
export async function listApiTokensForAdmin() {
  await requireUser('admin');
  const [tokens, users, integrations] = await Promise.all([listApiTokens(), listConsoleUsers(), listIntegrations()]);
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const names = new Map(integrations.map((i) => [i.id, i.name]));
  const now = apiRuntime.now();
  return {
    integrations: integrations.map((i) => ({ id: i.id, name: i.name })),
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      access: t.access,
      integrations: t.integrationIds.map((id) => ({ id, name: names.get(id) ?? 'a deleted integration' })),
      createdBy: emails.get(t.createdBy) ?? 'a removed user',
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      state: tokenState(t, now),
    })),
  };
}
