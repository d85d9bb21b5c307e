import { z } from 'zod';

/**
 * A GET query value as a form sends it: an empty field arrives as '' and a repeated parameter as an array; both
 * mean "take the first / none". Trimmed.
 */
export function firstParam(v: unknown): unknown {
  const first: unknown = Array.isArray(v) ? v[0] : v;
  if (typeof first !== 'string') return first;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An optional filter read from a query parameter. */
export const queryParam = <T extends z.ZodType>(inner: T) => z.preprocess(firstParam, inner.optional());
