import 'server-only';

import { recordAudit } from '@/lib/audit';
import { log } from '@/lib/log';
import { AsyncLocalStorage } from 'node:async_hooks';
import { classifyCallbackError, OKTA_TEXTS, type ClassifiedFailure, type OktaRefusal } from './okta-refusals';

// next-auth reports a failed OAuth callback only through its logger and a bare `?error=Callback`. The callback
// request runs inside this context, so the logger can note the real reason (Okta's access_denied and its text, a
// state, nonce or PKCE failure, a bad ID token, a spent code); the route then audits it and sends the browser to the
// refusal page with that reason. One store per process (globalThis), shared by the route and the logger's chunk.
type Context = { failure?: ClassifiedFailure };
const g = globalThis as { oktaCallbackContext?: AsyncLocalStorage<Context> };
const store = (g.oktaCallbackContext ??= new AsyncLocalStorage<Context>());

/** next-auth's logger.error: remembers the first callback failure of the current request. */
export function noteAuthError(code: string, metadata: unknown): void {
  const ctx = store.getStore();
  const failure = classifyCallbackError(code, metadata);
  if (ctx && !ctx.failure && code.startsWith('OAUTH_CALLBACK')) ctx.failure = failure;
  log.warn('auth_error', { code, reason: failure.reason, oktaError: failure.oktaError, message: failure.message });
}

/** The refusal page for a reason; Okta's text travels only as an index into the texts Okta documents. */
export function refusalPath(reason: OktaRefusal, oktaText?: string): string {
  const known = OKTA_TEXTS.indexOf(oktaText as (typeof OKTA_TEXTS)[number]);
  return `/sign-in/refused?reason=${reason}${known >= 0 ? `&okta=${known}` : ''}`;
}

/** Runs next-auth's Okta callback; a failure is audited and answered with the refusal page instead of `Callback`. */
export async function auditedOktaCallback(ip: string, run: () => Promise<Response>): Promise<Response> {
  const ctx: Context = {};
  const res = await store.run(ctx, run);
  const failure = ctx.failure;
  if (!failure) return res;
  await recordAudit({
    actor: { type: 'anonymous', label: 'Okta sign-in' },
    action: 'auth.sign_in',
    outcome: failure.reason === 'okta_error' ? 'denied' : 'failure',
    detail: {
      method: 'okta',
      reason: failure.reason,
      ...(failure.oktaError ? { oktaError: failure.oktaError } : {}),
      ...(failure.oktaText ? { oktaText: failure.oktaText } : {}),
      ...(failure.message ? { message: failure.message } : {}),
    },
    ip,
  });
  const headers = new Headers(res.headers);
  headers.set('Location', refusalPath(failure.reason, failure.oktaText));
  return new Response(null, { status: 302, headers });
}
