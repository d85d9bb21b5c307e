// Where to send a visitor after sign-in. The callback comes from the URL, so anyone can craft it: only a
// path on the console's own origin is kept, anything else lands on the default page. Browsers read `\` as
// `/` and drop tabs and newlines inside URLs, and a path may be percent-encoded once or twice before it is
// read again, so every decoded form must also be a plain path.
export const DEFAULT_AFTER_SIGN_IN = '/integrations';

const UNSAFE = /[\\\u0000-\u001f\u007f]/;
const plainPath = (p: string) => p.startsWith('/') && !p.startsWith('//') && !UNSAFE.test(p);

/** `raw` and what it decodes to, up to three times; null when an encoding is malformed. */
function decodedForms(raw: string): string[] | null {
  const forms = [raw];
  for (let i = 0; i < 3; i++) {
    const last = forms[forms.length - 1]!;
    let next: string;
    try {
      next = decodeURIComponent(last);
    } catch {
      return null;
    }
    if (next === last) break;
    forms.push(next);
  }
  return forms;
}

/** The same-origin path (with query and hash) that `raw` names relative to `appUrl`, or the default page. */
export function safeCallbackPath(raw: unknown, appUrl: string): string {
  if (typeof raw !== 'string' || !decodedForms(raw)?.every(plainPath)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, appUrl);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//host` normalises to `//host`: check the result too, and that it resolves to our origin again.
  if (url.origin !== new URL(appUrl).origin || !plainPath(path) || new URL(path, appUrl).origin !== url.origin)
    return DEFAULT_AFTER_SIGN_IN;
  return path;
}
