import type { Reply } from '../http/types';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const layout = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>` +
  `<meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d1d21}` +
  `button{font:inherit;padding:.4rem .8rem;margin:.2rem 0;cursor:pointer}input{font:inherit;padding:.3rem}` +
  `ul{list-style:none;padding:0}.error{color:#b00020}</style></head><body>${body}</body></html>`;

export interface SignInPageUser {
  login: string;
  name: string;
}

/**
 * The simulator's stand-in for Okta's sign-in widget: the users assigned to the app as one-click buttons, and a
 * username field for anyone else (no passwords: the simulator authenticates whoever is named).
 */
export function signInPage(input: { tx: string; appLabel: string; users: SignInPageUser[]; error?: string }): Reply {
  const error = input.error ? `<p class="error" role="alert">${escape(input.error)}</p>` : '';
  const hidden = `<input type="hidden" name="tx" value="${escape(input.tx)}">`;
  const buttons = input.users
    .map(
      (u) =>
        `<li><form method="post" action="/login/sim-sign-in">${hidden}` +
        `<input type="hidden" name="username" value="${escape(u.login)}">` +
        `<button type="submit">Sign in as ${escape(u.name)} (${escape(u.login)})</button></form></li>`,
    )
    .join('');
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    html: layout(
      'Okta (simulator) – Sign In',
      `<h1>Sign In</h1><p>to ${escape(input.appLabel)} (Okta simulator)</p>${error}` +
        `<h2>People assigned to the app</h2><ul>${buttons || '<li>Nobody is assigned yet.</li>'}</ul>` +
        `<h2>Someone else</h2><form method="post" action="/login/sim-sign-in">${hidden}` +
        `<label>Username <input name="username" autocomplete="username"></label> ` +
        `<button type="submit">Sign in</button></form>`,
    ),
  };
}

/** Okta's own error page, for requests it cannot send back to the app (an unknown client or redirect_uri). */
export function errorPage(status: number, error: string, description: string): Reply {
  return {
    status,
    html: layout(
      'Okta (simulator) – Error',
      `<h1>Error</h1><p class="error">${escape(error)}: ${escape(description)}</p>`,
    ),
  };
}

export function signedOutPage(): Reply {
  return { status: 200, html: layout('Okta (simulator) – Signed out', '<h1>You are signed out of Okta</h1>') };
}

/** A 302 to the app with the response in the query (response_mode=query, Okta's default for the code flow). */
export function redirectTo(uri: string, params: Record<string, string | undefined>, cookie?: string): Reply {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return {
    status: 302,
    headers: { Location: url.toString(), 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) },
  };
}
