// okta.* scopes from the Management API spec's oauth2 security scheme (management-minimal.yaml). Only
// the users/groups/apps/roles ones guard endpoints here; the rest are known so they can be granted.
const FAMILIES = [
  'agentPools',
  'apiTokens',
  'appGrants',
  'apps',
  'apps.interclientTrust',
  'authenticators',
  'authorizationServers',
  'behaviors',
  'botProtection',
  'brands',
  'captchas',
  'customTelephonyProvider',
  'deviceAssurance',
  'deviceIntegrations',
  'devicePostureChecks',
  'devices',
  'directories.groups',
  'domains',
  'dr',
  'emailDomains',
  'emailServers',
  'eventHooks',
  'features',
  'groups',
  'identitySources',
  'idps',
  'inlineHooks',
  'linkedObjects',
  'logStreams',
  'networkZones',
  'oauthIntegrations',
  'orgs',
  'personal.adminSettings',
  'policies',
  'principalRateLimits',
  'profileMappings',
  'pushProviders',
  'rateLimits',
  'realmAssignments',
  'realms',
  'roles',
  'schemas',
  'securityEventsProviders',
  'serviceAccounts',
  'serviceAccounts.okta',
  'sessions',
  'templates',
  'threatInsights',
  'trustedOrigins',
  'uischemas',
  'userRisk',
  'userTypes',
  'users',
];

export const OKTA_SCOPES: ReadonlySet<string> = new Set([
  ...FAMILIES.flatMap((f) => [`okta.${f}.read`, `okta.${f}.manage`]).filter((s) => s !== 'okta.logs.manage'),
  'okta.logs.read',
]);

/** "manage scopes can do everything that the read scopes do" (implement-oauth-for-okta guide). */
export function scopeSatisfied(granted: readonly string[], required: string): boolean {
  return (
    granted.includes(required) ||
    (required.endsWith('.read') && granted.includes(required.replace(/\.read$/, '.manage')))
  );
}
