/** Plain types and helpers for HTTP exchanges (pure, so error parsing and pacing stay unguarded). */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type HeaderMap = Record<string, string | string[] | undefined>;

export type HttpResponse = {
  status: number;
  headers: HeaderMap;
  /** Raw text; JSON parsing is the caller's, so a non-JSON answer (not Okta) can be told apart. */
  body: string;
};

/** First value of a header (undici gives arrays for repeated headers). */
export function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a header, repeated lines kept apart. */
export function headerAll(headers: HeaderMap, name: string): string[] {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The path of a URL without query: what errors may show. */
export function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
