import { z } from 'zod';
import { integrationId } from './setup';

// Shared by the Settings form (client) and the API token actions (server re-parse).
export const API_TOKEN_ACCESS = ['read', 'write'] as const;
export type ApiTokenAccess = (typeof API_TOKEN_ACCESS)[number];

/** Expiry choices, in days; 'never' keeps the token until it is revoked. */
export const API_TOKEN_EXPIRY = ['never', '7', '30', '90', '365'] as const;

export const apiTokenId = z.string().regex(/^tok_[A-Za-z0-9]{20}$/, 'Unknown API token');

// FormData sends one checked box as a string and several as an array.
const toArray = (v: unknown): unknown[] =>
  v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v];

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name, e.g. "Joiner workflow"').max(80, 'Use at most 80 characters'),
  access: z.enum(API_TOKEN_ACCESS, 'Choose read or write access'),
  integrationIds: z.preprocess(
    toArray,
    z
      .array(integrationId)
      .min(1, 'Choose at least one integration this token may use')
      .max(50, 'Choose at most 50 integrations'),
  ),
  expiresInDays: z.enum(API_TOKEN_EXPIRY, 'Choose when the token expires').default('never'),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: apiTokenId });
