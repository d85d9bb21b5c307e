import { z } from 'zod';

// Shared by the wizard's forms (client) and its actions (server re-parse).
const checked = (message: string) => z.literal(['on', 'true'], message);

export const integrationName = z
  .string()
  .trim()
  .min(1, 'Give this integration a name, e.g. "Acme production"')
  .max(80, 'Use at most 80 characters');
export const draftId = z.string().regex(/^drf_[A-Za-z0-9]{20}$/, 'This setup draft no longer exists; start again');
export const integrationId = z.string().regex(/^int_[A-Za-z0-9]{20}$/, 'Unknown integration');

export const prerequisitesSchema = z.object({
  step: z.literal('before-you-begin'),
  adminRole: checked(
    'Confirm you can sign in as a Super Administrator: only a Super Administrator can grant the scopes and assign the admin roles',
  ),
  domain: checked('Confirm you know your Okta domain'),
  createApps: checked('Confirm you can create app integrations'),
  grantRoles: checked('Confirm you can assign the app the Application Administrator and Group Administrator roles'),
});

export const acknowledgeSchema = z.object({
  step: z.enum(['create-app', 'scopes-and-roles'], 'Unknown step'),
  confirmed: checked('Tick the box once you have done this in Okta'),
});

export const stepSchema = z.discriminatedUnion('step', [prerequisitesSchema, acknowledgeSchema], 'Unknown step');

export const keySourceSchema = z.object({
  keySource: z.enum(['okta', 'console'], 'Choose who generates the key pair'),
});

export const generateKeySchema = z.object({ alg: z.enum(['RS256', 'ES256'], 'Choose RS256 or ES256') });

const pastedKey = z.string().max(20_000, 'That is too long to be a private key');

export const connectionSchema = z.object({
  name: integrationName,
  domain: z.string().trim().min(1, 'Enter your Okta domain, e.g. acme.okta.com').max(300),
  clientId: z.string().trim().min(1, 'Enter the Client ID from the app’s General tab').max(100),
  keyId: z.string().trim().min(1, 'Enter the key’s KID: Okta shows it next to the key under Public Keys').max(200),
  privateKey: pastedKey.optional().default(''),
});
export type ConnectionInput = z.input<typeof connectionSchema>;

export const inspectSchema = z.object({
  domain: z.string().max(300).optional(),
  privateKey: pastedKey.optional(),
  keyId: z.string().max(200).optional(),
  clientId: z.string().max(100).optional(),
  field: z.enum(['domain', 'privateKey', 'keyId', 'clientId'], 'Which field to check'),
});

export const draftRefSchema = z.object({ draftId });

export const saveIntegrationSchema = z.object({
  draftId,
  acceptWarning: z.enum(['true', 'false'], 'acceptWarning must be true or false').transform((v) => v === 'true'),
});

export const integrationRefSchema = z.object({ integrationId });

export const renameIntegrationSchema = z.object({ integrationId, name: integrationName });

export const rateLimitShareSchema = z.object({
  integrationId,
  share: z.coerce
    .number({ error: 'Enter a whole percent from 10 to 100' })
    .int('Enter a whole percent from 10 to 100')
    .min(10, 'At least 10%: below that a bulk job would barely move')
    .max(100, 'At most 100%: all that Okta leaves'),
});

export const rotateKeySchema = z.object({
  integrationId,
  keyId: z.string().trim().max(200).optional().default(''),
  privateKey: pastedKey.min(1, 'Paste the new private key (PEM or JWK)'),
});

export const deleteIntegrationSchema = z.object({
  integrationId,
  confirmName: z.string().min(1, 'Type the integration’s name to confirm'),
});

export const generateRotationKeySchema = z.object({
  integrationId,
  alg: z.enum(['RS256', 'ES256'], 'Choose RS256 or ES256'),
});
