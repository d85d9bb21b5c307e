import type { Route } from '../http/types';
import { SIGNING_ALGS } from './keys';
import { OKTA_SCOPES } from './scopes';

// GET /.well-known/openid-configuration for the org authorization server (oauth.yaml
// getWellKnownOpenIDConfiguration), limited to the members a client-credentials client uses.
export const metadataRoute: Route = {
  method: 'GET',
  template: '/.well-known/openid-configuration',
  op: 'getWellKnownOpenIDConfiguration',
  handler: (ctx) => ({
    status: 200,
    body: {
      issuer: ctx.origin,
      authorization_endpoint: `${ctx.origin}/oauth2/v1/authorize`,
      token_endpoint: `${ctx.origin}/oauth2/v1/token`,
      jwks_uri: `${ctx.origin}/oauth2/v1/keys`,
      response_types_supported: [
        'code',
        'id_token',
        'code id_token',
        'code token',
        'id_token token',
        'code id_token token',
      ],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile', 'address', 'phone', 'offline_access', 'groups', ...OKTA_SCOPES],
      token_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_post',
        'client_secret_jwt',
        'private_key_jwt',
        'none',
      ],
      token_endpoint_auth_signing_alg_values_supported: [...SIGNING_ALGS, 'HS256', 'HS384', 'HS512'],
      grant_types_supported: [
        'authorization_code',
        'implicit',
        'refresh_token',
        'password',
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:device_code',
      ],
      dpop_signing_alg_values_supported: [...SIGNING_ALGS],
    },
  }),
};
