import { z } from 'zod';
import { searchTerm } from './search';

/** Longest page token the console hands out (lib/queries/page-trail); anything longer was not made by it. */
export const MAX_PAGE_TOKEN = 6000;

const NOT_OURS = 'This page link is damaged or was not made by the console. Start again from the first page.';

/** A list page's position (an opaque, sealed token); empty means the first page. `message` says what went wrong. */
export const pageToken = (message = NOT_OURS) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string(message)
      .max(MAX_PAGE_TOKEN, message)
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, message)
      .optional(),
  );

/** The directory's list pages (People, Groups, Applications): which list, the search, the page. */
export const directoryListQuery = z.object({
  kind: z.enum(['users', 'groups', 'apps'], 'kind must be users, groups or apps').default('users'),
  q: searchTerm,
  page: pageToken(),
});

/** The history panel of a user, group or app page: its own page token beside the page's list. */
export const historyPageQuery = z.object({ history: pageToken() });

/** A list inside a page (an app's assigned users, a group's members): an optional filter and the page. */
export const pagedListQuery = z.object({ q: searchTerm, page: pageToken() });

/** The first problem with a page's query, in words for the admin. */
export const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? NOT_OURS;
