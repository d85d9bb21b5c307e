import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { listGrants, openGrantsTouching, type GrantFilter, type GrantView } from '@/lib/grants/views';

// Reads of time-bound grants for pages. Every function checks the session.

/** One page of an integration's grants (the Temporary access page). */
export async function grantsPage(integrationId: string, filter: GrantFilter) {
  await requireUser('viewer');
  return listGrants(integrationId, { ...filter, limit: 50 });
}

/** The open grants on a user, group or app page, by grantKey: the "until …" badges of its rows. */
export async function grantsOnPage(integrationId: string, oktaId: string): Promise<Map<string, GrantView>> {
  await requireUser('viewer');
  return openGrantsTouching(integrationId, oktaId);
}
