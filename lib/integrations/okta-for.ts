import 'server-only';

import { DEFAULT_SCOPES, getOktaClient, LOGS_SCOPE, type OktaClient } from '@/lib/okta';
import { oktaCallObserver } from './okta-calls';
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
  // The optional System Log scope is asked for once a connection test saw it granted (a test bumps the version).
  const scopes = integration.grantedScopes.includes(LOGS_SCOPE) ? [...DEFAULT_SCOPES, LOGS_SCOPE] : [...DEFAULT_SCOPES];
  const client = getOktaClient(
    integration.id,
    String(integration.updatedAt.getTime()),
    { ...creds, scopes },
    { ...oktaOptions(), peers: budgetPeers(integration.id), onCall: oktaCallObserver(integration.id) },
  );
  client.setRateLimitShare(integration.rateLimitShare / 100);
  return { client, integration };
}
