import { describe, expect, it } from 'vitest';
import { classifyCallbackError } from './okta-refusals';

// The texts next-auth v4 and openid-client v5 log for a failed callback, read into the console's reasons.
const wrapped = (message: string) => ({ error: Object.assign(new Error(message), { name: 'OAuthCallbackError' }) });

describe('classifyCallbackError', () => {
  it.each([
    ['State cookie was missing.', 'state'],
    ['state mismatch, expected abc, got: forged', 'state'],
    ['PKCE code_verifier cookie was missing.', 'pkce'],
    ['invalid_grant (PKCE verification failed.)', 'pkce'],
    ['nonce mismatch, expected a, got: b', 'nonce'],
    ['invalid_grant (The authorization code is invalid or has expired.)', 'code'],
    ['unexpected iss value, expected http://a, got: https://evil.example', 'id_token'],
    ['aud mismatch, expected 0oa1, got: 0oa2', 'id_token'],
    ['JWT expired, now 1700000000, exp 1699990000', 'id_token'],
    ['connect ECONNREFUSED 127.0.0.1:7070', 'unavailable'],
    ['something else entirely', 'callback'],
  ])('%s → %s', (message, reason) => {
    expect(classifyCallbackError('OAUTH_CALLBACK_ERROR', wrapped(message)).reason).toBe(reason);
  });

  it("keeps Okta's error and text from a token-endpoint error", () => {
    expect(
      classifyCallbackError(
        'OAUTH_CALLBACK_ERROR',
        wrapped('invalid_grant (The authorization code is invalid or has expired.)'),
      ),
    ).toMatchObject({ oktaError: 'invalid_grant', oktaText: 'The authorization code is invalid or has expired.' });
  });

  it("reads Okta's error redirect (access_denied with its description)", () => {
    expect(
      classifyCallbackError('OAUTH_CALLBACK_HANDLER_ERROR', {
        error: new Error('access_denied'),
        error_description: 'User is not assigned to the client application.',
      }),
    ).toEqual({
      reason: 'okta_error',
      oktaError: 'access_denied',
      oktaText: 'User is not assigned to the client application.',
    });
  });
});
