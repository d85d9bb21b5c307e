import { z } from 'zod';

/** ?q=&after= of the integrations list: a search and a keyset cursor (the last name of the previous page). */
export const integrationListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100, 'Search for at most 100 characters.')
    .optional()
    .transform((v) => v || undefined),
  after: z.string().min(1).max(200).optional(),
});
