import 'server-only';

import { headers } from 'next/headers';

/**
 * The client's address as Next passes it in x-forwarded-for (Next fills it from the socket when absent).
 * A client talking to Next directly can forge it, so it only feeds the per-address throttle; the
 * per-account throttle does not depend on it. Behind a proxy that overwrites the header it is exact.
 */
export function clientIpFrom(h: Headers | Record<string, string | string[] | undefined>): string {
  const raw = h instanceof Headers ? h.get('x-forwarded-for') : h['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(',')[0]?.trim() || 'unknown';
}

export async function currentClientIp(): Promise<string> {
  try {
    return clientIpFrom(await headers());
  } catch {
    return 'unknown';
  }
}
