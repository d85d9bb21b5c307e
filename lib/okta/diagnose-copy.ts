/** What the connection test tells an admin, per problem: the setup guide's troubleshooting, in one place. */

export type ProblemCode =
  | 'key_invalid'
  | 'invalid_credentials'
  | 'dpop_required'
  | 'insufficient_scopes'
  | 'insufficient_roles'
  | 'domain_invalid'
  | 'domain_unreachable'
  | 'not_okta'
  | 'app_inactive'
  | 'rate_limited'
  | 'okta_error';

export const PROBLEM_COPY: Record<ProblemCode, { title: string; fix: string[] }> = {
  key_invalid: {
    title: 'Key validation failed',
    fix: [
      'Paste the private key in PEM format (PKCS#8, "BEGIN PRIVATE KEY"), or the private JWK from Okta.',
      'Include the full -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- markers.',
      'Keep the line breaks of the PEM as Okta showed them; do not paste it into a single line by hand.',
      'If the key was lost or damaged, generate a new key pair in Okta (or here) and paste the new private key and KID.',
    ],
  },
  invalid_credentials: {
    title: 'Invalid credentials',
    fix: [
      'Check that the private key was copied in full, including the BEGIN/END markers.',
      'Check that the KID matches the key shown under Public Keys in the Okta app.',
      "Check that the key has not been deleted or deactivated in Okta, and that the Client ID is this app's.",
      'If in doubt, generate a new key pair, add its public key in Okta, and paste the new private key and KID.',
    ],
  },
  dpop_required: {
    title: 'The app requires DPoP',
    fix: [
      'Either turn off "Require Demonstrating Proof of Possession (DPoP) header in token requests" in the Okta app\'s General tab,',
      'or let the console use DPoP: set the authentication mode to Automatic or DPoP (Automatic switches when Okta answers "The DPoP proof JWT header is missing.").',
    ],
  },
  insufficient_scopes: {
    title: 'Insufficient permissions: scopes not granted',
    fix: [
      'In the Okta app, open the Okta API Scopes tab and grant the missing scopes (a Super Admin must do this).',
      'Assign the Application Administrator and Group Administrator roles on the Admin roles tab.',
      "Review the app's role assignments and their resource sets, then test again.",
    ],
  },
  insufficient_roles: {
    title: 'Insufficient permissions: admin role missing',
    fix: [
      "Check that the scopes are granted in the Okta app's Okta API Scopes tab.",
      'Give the app an admin role that may change memberships and app assignments: the custom role of step “Scopes and roles”, or the Application Administrator and Group Administrator roles (Admin roles tab).',
      'Review role assignments: a role limited to some groups or apps hides the others, and Read-Only Administrator may change nothing.',
    ],
  },
  domain_invalid: {
    title: 'The Okta domain is not valid',
    fix: [
      'Enter your org domain such as acme.okta.com (copy it from the top-right menu of the Okta Admin Console).',
      'Leave out "-admin", paths and query strings.',
    ],
  },
  domain_unreachable: {
    title: 'The Okta domain could not be reached',
    fix: [
      'Check the domain for typos.',
      'Check that this server can reach it over HTTPS (DNS, proxy, firewall), then test again.',
    ],
  },
  not_okta: {
    title: 'That domain does not answer like Okta',
    fix: [
      'Check that the domain is your Okta org (acme.okta.com), not your company website or the Admin Console address.',
    ],
  },
  app_inactive: {
    title: 'The Okta app is not active',
    fix: [
      'Check that the API Services app is active in Okta (Applications > the app > Activate).',
      'Check that its Client authentication is "Public key / Private key" (Okta gives the same generic answer otherwise).',
      'Then test again.',
    ],
  },
  rate_limited: {
    title: 'Okta rate limit reached',
    fix: [
      'Wait a minute and test again.',
      'If it persists, check the rate-limit dashboard in Okta for integrations using up the limit.',
    ],
  },
  okta_error: {
    title: 'Okta returned an error',
    fix: ['Test again in a moment.', 'If it persists, contact Okta support with the request id shown.'],
  },
};
