/**
 * `Link` header parsing. Okta sends one header line per link, but proxies and fetch stacks may join them with
 * ", "; URLs are inside <...>, so splitting on commas outside angle brackets is safe.
 */
export function parseLinks(values: string[]): Array<{ url: string; rel: string[] }> {
  const links: Array<{ url: string; rel: string[] }> = [];
  for (const value of values) {
    for (const match of value.matchAll(/<([^>]*)>((?:\s*;\s*[^;,<]+)*)/g)) {
      const url = match[1] ?? '';
      const params = match[2] ?? '';
      const relMatch = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
      const rel = (relMatch?.[1] ?? relMatch?.[2] ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((r) => r.toLowerCase());
      links.push({ url, rel });
    }
  }
  return links;
}

/** The `rel="next"` URL exactly as given, or undefined at the end of the list. */
export function nextLink(values: string[]): string | undefined {
  return parseLinks(values).find((l) => l.rel.includes('next'))?.url;
}
