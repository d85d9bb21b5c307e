import { z } from 'zod';
import { oktaError } from '../core/errors';
import type { RequestContext } from '../http/types';

/** Parses a JSON body with zod; malformed JSON is E0000003, a schema miss is E0000001 with causes. */
export function parseBody<T>(ctx: RequestContext, schema: z.ZodType<T>, optional = false): T {
  const text = ctx.body.toString('utf8').trim();
  let raw: unknown = {};
  if (text) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw oktaError('E0000003');
    }
  } else if (!optional) {
    throw oktaError('E0000003');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const field = first?.path.join('.') || 'body';
    throw oktaError(
      'E0000001',
      field,
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    );
  }
  return result.data;
}

export const appUserBody = z.object({
  id: z.string().min(1),
  scope: z.enum(['USER', 'GROUP']).optional(),
  credentials: z
    .object({
      userName: z.string().min(1).max(100).optional(),
      password: z.object({ value: z.string().optional() }).optional(),
    })
    .optional(),
  profile: z.record(z.string(), z.unknown()).optional(),
});

export const appGroupBody = z.object({
  priority: z.number().int().min(0).optional(),
  profile: z.record(z.string(), z.unknown()).optional(),
});
