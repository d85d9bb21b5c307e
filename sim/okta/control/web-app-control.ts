import { randomBytes } from 'node:crypto';
import type { WebClient } from '../oidc/store';
import { fail } from './directory-control';
import { RuleControl } from './rule-control';

/** An OIDC Web app as an admin creates it (Applications → Create App Integration → OIDC → Web Application). */
export interface WebAppInput {
  label?: string;
  /** Okta lets the API set `credentials.oauthClient.client_id`; generated when absent. */
  clientId?: string;
  /** Generated (40 characters, like Okta's) when absent. */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** The ID token's group filter, a regex over group names (default `.*`, every group). */
  groupsFilter?: string;
  pkceRequired?: boolean;
}

export class WebAppControl extends RuleControl {
  createWebApp(input: WebAppInput): { appId: string; clientId: string; clientSecret: string } {
    if (!Array.isArray(input.redirectUris) || input.redirectUris.length === 0)
      throw fail('redirectUris: at least one Sign-in redirect URI', 400);
    const app = this.dir.createApp({
      name: 'oidc_client',
      label: input.label ?? 'OIDC Web App',
      signOnMode: 'OPENID_CONNECT',
    });
    const clientId = input.clientId ?? app.id;
    if (input.clientId) {
      if (this.dir.apps.has(clientId)) throw fail(`client id ${clientId} is taken`, 400);
      // The app is known by its client id from here on, as Okta's app id and client id coincide for OIDC apps.
      this.dir.apps.delete(app.id);
      this.dir.appIds.delete(app.id);
      const assignments = this.dir.assignments.get(app.id)!;
      this.dir.assignments.delete(app.id);
      app.id = clientId;
      this.dir.apps.set(clientId, app);
      this.dir.appIds.add(clientId);
      this.dir.assignments.set(clientId, assignments);
    }
    const client: WebClient = {
      clientId,
      clientSecret: input.clientSecret ?? randomBytes(30).toString('base64url'),
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
      groupsFilter: new RegExp(`^(?:${input.groupsFilter ?? '.*'})$`),
      pkceRequired: input.pkceRequired ?? false,
    };
    this.dir.webClients.set(clientId, client);
    return { appId: clientId, clientId, clientSecret: client.clientSecret };
  }

  /** Test fault: the next ID tokens of the app claim this issuer and/or audience; `{}` ends it. */
  setIdTokenFault(clientId: string, fault: { iss?: string; aud?: string }): void {
    const client = this.dir.webClients.get(clientId);
    if (!client) throw fail(`unknown web app ${clientId}`);
    client.idTokenFault = fault.iss || fault.aud ? fault : undefined;
  }
}
