/**
 * Encodes one path segment. RFC 3986 allows `@ : ! $ & ' ( ) * + , ; =` in a segment, and Okta compares DPoP
 * `htu` against the decoded path (an `%40` in `htu` for a login with `@` is refused), so those stay literal:
 * then the URL on the wire, `htu` and Okta's decoded view are the same string.
 */
export function seg(value: string): string {
  return encodeURIComponent(value).replace(/%(40|3A|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * A string literal in Okta's `filter` and `search` expressions (SCIM-style): double-quoted, with `\` and `"`
 * escaped. Every expression built from a value (an id, a login, a search term) goes through this.
 */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
