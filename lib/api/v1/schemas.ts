import { z } from 'zod';

// Path, query and body schemas of the automation API. Ids are Okta's (00u users, 00g groups, 0oa apps).
const oktaId = (what: string, prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[A-Za-z0-9]{17}$`), `Must be an Okta ${what} id: ${prefix} followed by 17 letters or digits`);

const integrationId = z.string().regex(/^int_[A-Za-z0-9]{20}$/, 'Must be a console integration id (int_…), as listed by GET /api/v1/integrations');
const userId = oktaId('user', '00u');
const groupId = oktaId('group', '00g');
const appId = oktaId('app', '0oa');

export const integrationParams = z.object({ integrationId });
export const membershipParams = z.object({ integrationId, groupId, userId });
export const appUserParams = z.object({ integrationId, appId, userId });
export const appGroupParams = z.object({ integrationId, appId, groupId });

export const searchQuery = z.object({ q: z.string().max(100, 'Search for at most 100 characters').default('') });

export const assignGroupBody = z.strictObject(
  { priority: z.number('priority must be a number').int('priority is a whole number').min(0, 'priority starts at 0').max(100, 'priority is at most 100').optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field ${issue.keys.join(', ')}: the body takes only priority` : 'The body must be a JSON object') },
);
