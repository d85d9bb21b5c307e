// What every server action returns: expected failures are values, never thrown to the client.
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ActionErrorCode; error: string; fieldErrors?: FieldErrors };

export type ActionErrorCode =
  'unauthenticated' | 'forbidden' | 'invalid_input' | 'too_large' | 'conflict' | 'not_found' | 'upstream' | 'internal';

export const ok = <T>(data: T, message?: string): ActionResult<T> => ({ ok: true, data, message });

export const fail = (code: ActionErrorCode, error: string, fieldErrors?: FieldErrors): ActionResult<never> => ({
  ok: false,
  code,
  error,
  fieldErrors,
});
