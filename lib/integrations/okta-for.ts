import 'server-only';

import { getOktaClient, type OktaClient } from '@/lib/okta';
import { oktaOptions } from './okta-options';
import { budgetPeers } from './rate-limit-peers';
import { getIntegration, openCredentials, type Integration } from './store';

export class IntegrationMissingError extends Error {}

/**
 * The lib/okta client of an integration, one per process for pages, actions, routes, the API and the bulk
 * worker alike. Its version is the last change, so a rotated key or renamed domain gets a fresh client (and
 * token cache, and limiter) on the next call.
 */
export async function oktaFor(integrationId: string): Promise<{ client: OktaClient; integration: Integration }> {
  const [integration, creds] = await Promise.all([getIntegration(integrationId), openCredentials(integrationId)]);
  if (!integration || !creds) throw new IntegrationMissingError();
  const client = getOktaClient(integration.id, String(integration.updatedAt.getTime()), creds, {
    ...oktaOptions(),
    peers: budgetPeers(integration.id),
  });
  client.setRateLimitShare(integration.rateLimitShare / 100);
  return { client, integration };
}
