/** Runs `fn` over `items` with at most `width` in flight; counts failures instead of stopping at the first. */
export async function runPool<T>(
  items: T[],
  width: number,
  fn: (item: T) => Promise<unknown>,
): Promise<{ failed: number; firstError?: string }> {
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (error) {
        failed++;
        firstError ??= describeError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return { failed, firstError };
}

/** Promise.all per chunk, one chunk after another: how bulk work with the SDK is usually written. */
export async function runChunks<T>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<unknown>,
): Promise<{ failed: number; firstError?: string }> {
  let failed = 0;
  let firstError: string | undefined;
  for (let i = 0; i < items.length; i += size) {
    // allSettled rather than all: one rejected call must not abandon the rest of the run.
    for (const r of await Promise.allSettled(items.slice(i, i + size).map(fn))) {
      if (r.status === 'rejected') {
        failed++;
        firstError ??= describeError(r.reason);
      }
    }
  }
  return { failed, firstError };
}

export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { status?: number; errorCode?: string; kind?: string; message?: string };
    return [e.status, e.errorCode, e.kind, e.message?.slice(0, 80)].filter(Boolean).join(' ');
  }
  return String(error);
}
