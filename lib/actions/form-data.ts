/** FormData → plain object; repeated keys become arrays, Next's internal `$ACTION_*` keys are dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const v = typeof value === 'string' ? value : value;
    const prev = out[key];
    out[key] = prev === undefined ? v : Array.isArray(prev) ? [...(prev as unknown[]), v] : [prev, v];
  }
  return out;
}
