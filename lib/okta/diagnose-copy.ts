/** What the connection test tells an admin, per problem: the setup guide's troubleshooting, in one place. */

export type ProblemCode =
  | 'key_invalid'
  | 'invalid_credentials'
  | 'kid_invalid'
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
  kid_invalid: {
    title: 'Okta has no active key with this KID',
    fix: [
      "Check the KID first: in Okta, open the app's General tab, find the key you pasted under Public Keys and copy its KID into Key ID (KID).",
      'If the key is not listed, or is Inactive, it was deleted, deactivated or belongs to another app: activate it, add its public key, or generate a new key and paste the new private key and its KID.',
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
      "On the app's Admin roles tab, assign the Application Administrator and Group Administrator roles (or a custom admin role with the same permissions).",
      "Review the app's role assignments and their resource sets, then test again.",
    ],
  },
  insufficient_roles: {
    title: 'Insufficient permissions: admin role missing',
    fix: [
      "Check that the scopes are granted in the Okta app's Okta API Scopes tab.",
      'Give the app an admin role that may change memberships and app assignments: on its Admin roles tab, the Application Administrator and Group Administrator roles, or the custom admin role of step “Scopes and roles” (only a Super Administrator can assign them).',
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

/** What the connection test knows about the key when Okta answers "The client_assertion JWT kid is invalid." */
export interface KidFacts {
  said: string;
  clientId: string;
  /** The KID the admin entered. */
  entered?: string;
  /** The kid written inside a pasted JWK. */
  jwkKid?: string;
  /** RFC 7638 SHA-256 thumbprint of the pasted key's public half. */
  thumbprint?: string;
}

/**
 * Okta's "kid is invalid" explained: the KID sent is not an active key of the app. It names that KID, says
 * whether it names the pasted key at all (the JWK's own kid, or the key's thumbprint, which Okta's examples
 * use as KIDs), and starts the fix with the KID, since the key itself already passed the console's checks.
 */
export function explainKidInvalid(k: KidFacts): { cause: string; fix: string[] } {
  const sent = k.entered ?? k.jwkKid;
  const where = "the app's General tab, under Public Keys";
  const keptKey = "The private key passed the console's own checks: paste it again only if you switch to another key.";
  const notListed = `If no such key is listed, it was deleted or belongs to another app than Client ID ${k.clientId}: add its public key there (Add key), or generate a new key and paste the new private key and its KID.`;
  if (!sent) {
    return {
      cause: `${k.said} No KID was entered and the key carries none, so the request named no key; Okta needs the KID when the app has more than one key.`,
      fix: [`Enter the KID of the key you pasted, as shown on ${where}.`, notListed, keptKey],
    };
  }
  const head = `${k.said} The app (Client ID ${k.clientId}) has no active key with the KID "${sent}"${k.entered ? ' entered' : ' taken from the pasted JWK'}.`;
  if (k.jwkKid && k.entered && k.jwkKid !== k.entered) {
    return {
      cause: `${head} The pasted JWK names its own kid "${k.jwkKid}", so the KID entered belongs to another key.`,
      fix: [
        `Change Key ID (KID) to the pasted key's own "${k.jwkKid}", after checking on ${where} that this KID is listed and Active.`,
        notListed,
        keptKey,
      ],
    };
  }
  const namesKey =
    (k.jwkKid !== undefined && k.jwkKid === sent) || (k.thumbprint !== undefined && k.thumbprint === sent);
  if (namesKey) {
    const how = k.jwkKid === sent ? "is the pasted JWK's own kid" : `is the pasted key's RFC 7638 thumbprint`;
    return {
      cause: `${head} That KID ${how}, so KID and key agree: this key is not, or no longer, an active key of the app.`,
      fix: [
        `The KID is right for this key: on ${where}, check that "${sent}" is listed and Active, and activate it if it is Inactive.`,
        notListed,
        keptKey,
      ],
    };
  }
  const own = k.thumbprint
    ? ` The pasted key carries no kid of its own; its RFC 7638 thumbprint is "${k.thumbprint}" (a KID is often this thumbprint, but need not be).`
    : '';
  return {
    cause: `${head}${own}`,
    fix: [
      `Check the KID first: on ${where}, find the key you pasted and copy its KID exactly into Key ID (KID)${k.thumbprint ? ` (if "${k.thumbprint}" is listed, that is this key)` : ''}.`,
      notListed,
      keptKey,
    ],
  };
}
