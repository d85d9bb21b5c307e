import 'server-only';

import { db, schema } from '@/db';
import { newId } from '@/lib/ids';
import type { ApiTokenAccess } from '@/lib/validations/api-tokens';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

// API tokens for the automation API. The secret (`oac_` + 32 random bytes, base64url) is shown once at
// creation; the database keeps its SHA-256 only, so a token is found by hashing what the caller sends.
export const TOKEN_PREFIX = 'oac_';
const SECRET_SHAPE = /^oac_[A-Za-z0-9_-]{43}$/;

type Row = typeof schema.apiTokens.$inferSelect;
export type ApiToken = Omit<Row, 'tokenHash' | 'integrationIds' | 'windowStartedAt' | 'windowCount'> & {
  integrationIds: string[];
};

const idList = z.array(z.string());

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

function toToken(row: Row): ApiToken {
  const { tokenHash: _hash, integrationIds, windowStartedAt: _start, windowCount: _count, ...rest } = row;
  const parsed = idList.safeParse(JSON.parse(integrationIds));
  return { ...rest, integrationIds: parsed.success ? parsed.data : [] };
}

export async function createApiToken(
  input: { name: string; access: ApiTokenAccess; integrationIds: string[]; expiresAt: Date | null; createdBy: string },
  now = new Date(),
): Promise<{ token: ApiToken; secret: string }> {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(schema.apiTokens)
    .values({
      id: newId('tok'),
      name: input.name,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      access: input.access,
      integrationIds: JSON.stringify([...new Set(input.integrationIds)]),
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: input.expiresAt,
      windowCount: 0,
    })
    .returning();
  return { token: toToken(row!), secret };
}

export async function listApiTokens(): Promise<ApiToken[]> {
  const rows = await db.select().from(schema.apiTokens).orderBy(desc(schema.apiTokens.createdAt));
  return rows.map(toToken);
}

export async function getApiToken(id: string): Promise<ApiToken | undefined> {
  const [row] = await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, id));
  return row ? toToken(row) : undefined;
}

/** The token a caller presented, by its hash; undefined for anything that is not one of ours. */
export async function findApiTokenBySecret(secret: string): Promise<ApiToken | undefined> {
  if (!SECRET_SHAPE.test(secret)) return undefined;
  const [row] = await db
    .select()
    .from(schema.apiTokens)
    .where(eq(schema.apiTokens.tokenHash, hashSecret(secret)));
  return row ? toToken(row) : undefined;
}

/** Revokes once: a second call (or a race) returns undefined and changes nothing. */
export async function revokeApiToken(id: string, by: string, now = new Date()): Promise<ApiToken | undefined> {
  const [row] = await db
    .update(schema.apiTokens)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(eq(schema.apiTokens.id, id), isNull(schema.apiTokens.revokedAt)))
    .returning();
  return row ? toToken(row) : undefined;
}

export type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(t: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): TokenState {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
