/** Format checks for what the admin copies from Okta's app page; the messages say where to look. */

export type IdCheck = { ok: true; value: string } | { ok: false; message: string };

/** Okta client IDs are 20-character ids starting with "0oa" (app ids), e.g. 0oar95zt9zIpYuz6A0h7. */
export function validateClientId(input: string): IdCheck {
  const value = input.trim();
  if (value === '') return { ok: false, message: "Enter the Client ID from the app's General tab." };
  if (/\s/.test(value))
    return { ok: false, message: 'The Client ID has no spaces; copy it again from the General tab.' };
  // Service-app client ids are app ids; keep the check loose enough for other id prefixes Okta may use.
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(value)) {
    return {
      ok: false,
      message:
        'A Client ID contains only letters and digits (e.g. 0oar95zt9zIpYuz6A0h7). Copy it from the General tab.',
    };
  }
  return { ok: true, value };
}

/** KIDs are the key ids shown under Public Keys; Okta-generated ones are 43-character base64url. */
export function validateKeyId(input: string): IdCheck {
  const value = input.trim();
  if (value === '') return { ok: false, message: 'Enter the KID shown next to the key under Public Keys.' };
  if (/\s/.test(value))
    return { ok: false, message: 'The KID has no spaces; copy it again from the Public Keys list.' };
  if (value.length > 200 || !/^[\x21-\x7e]+$/.test(value)) {
    return { ok: false, message: 'The KID should be the short id shown next to the key (letters, digits, - and _).' };
  }
  if (value.startsWith('-----')) return { ok: false, message: 'That is the key itself; paste only its KID here.' };
  return { ok: true, value };
}
