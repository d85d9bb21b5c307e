// The request id of lib/log.ts's lines and of the X-Request-Id answer header. proxy.ts sets it on every request:
// behind a trusted proxy (TRUST_PROXY) the proxy's own id when it sent a plausible one, so its log and ours share
// the id; otherwise a new one (a client's own header is not taken as is).
export const REQUEST_ID_HEADER = 'x-request-id';

const PLAUSIBLE = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFor(incoming: string | null, trustProxy: boolean): string {
  return trustProxy && incoming && PLAUSIBLE.test(incoming) ? incoming : crypto.randomUUID();
}
