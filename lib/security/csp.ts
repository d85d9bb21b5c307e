// The Content-Security-Policy of every page. Scripts run only with this response's nonce (Next puts it
// on its own inline and chunk scripts when the request carries the policy); 'strict-dynamic' lets those
// scripts load the chunks they import. Styles keep 'unsafe-inline' (React and Radix set style attributes).
// No third-party origin is allowed anywhere.
export const NONCE_HEADER = 'x-nonce';

export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** 128 random bits, base64: a fresh nonce per response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
