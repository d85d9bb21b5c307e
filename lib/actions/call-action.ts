import { unstable_rethrow } from 'next/navigation';
import { fail, type ActionResult } from './result';

// The one way the console's forms call a server action. Next refuses an action's request body over
// serverActions.bodySizeLimit (next.config.js) before the action runs, and the browser then gets only an
// error with a digest; so a form checks the size here, before sending, and says what the limit is.

/** serverActions.bodySizeLimit in next.config.js ('1mb', which Next reads as 1024 × 1024 bytes). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
const MB = 1024 * 1024;
export const ACTION_BODY_LIMIT_LABEL = `${ACTION_BODY_LIMIT_BYTES / MB} MB`;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;
/** A string in a multipart body: its UTF-8 bytes, each lone CR or LF sent as CR LF. */
const partBytes = (s: string) => utf8Bytes(s) + (s.match(/\r(?!\n)|(?<!\r)\n/g)?.length ?? 0);
/** A part's boundary line and headers (a browser's boundary is under 70 characters), and a file's name and type. */
const PART_OVERHEAD = 160;
const ENVELOPE = 1024;

/**
 * At least the size of the request body Next sends for these action arguments (React's encodeReply): FormData
 * goes as multipart (each entry one part, a file's bytes as they are), anything else as JSON text.
 */
export function actionBodyBytes(args: unknown[]): number {
  let total = ENVELOPE;
  for (const arg of args) {
    if (typeof FormData !== 'undefined' && arg instanceof FormData) {
      for (const [name, value] of arg.entries())
        total +=
          PART_OVERHEAD +
          partBytes(name) +
          (typeof value === 'string' ? partBytes(value) : value.size + partBytes(value.name) + value.type.length);
    } else {
      total += utf8Bytes(JSON.stringify(arg) ?? '');
    }
  }
  return total;
}

/** "Too large to send": how large it is and the limit, then what to do (`hint`). */
export function tooLargeMessage(bytes: number, hint = 'Shorten what you entered, then send it again.'): string {
  const size = Math.ceil((bytes / MB) * 10) / 10;
  return `Too large to send: this is about ${size.toLocaleString('en-US')} MB, and the console accepts at most ${ACTION_BODY_LIMIT_LABEL} in one request. ${hint}`;
}

/**
 * Calls a server action from a form. Input over the body limit is answered here, as a failed result with
 * tooLargeMessage, and never sent. A request that fails anyway (the connection dropped, the server refused
 * it before the action ran) is a failed result too, never a digest; a redirect or notFound() passes through.
 */
export async function callAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  input: I,
  hint?: string,
): Promise<ActionResult<T>> {
  const bytes = actionBodyBytes([input]);
  if (bytes > ACTION_BODY_LIMIT_BYTES) return fail('too_large', tooLargeMessage(bytes, hint));
  try {
    return await action(input);
  } catch (err) {
    unstable_rethrow(err);
    return fail(
      'internal',
      `The console did not take this request: the connection may have dropped, or it was over ${ACTION_BODY_LIMIT_LABEL}. Check what changed, then try again.`,
    );
  }
}
