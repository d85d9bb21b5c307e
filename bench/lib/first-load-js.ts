import zlib from 'node:zlib';

export type Chunk = { src: string; raw: number; gzip: number };
export type RouteJs = { route: string; status: number; chunks: Chunk[]; rawBytes: number; gzipBytes: number };

const SCRIPT_TAG = /<script\b[^>]*>/gi;
const SRC = /\bsrc="([^"]+)"/;

/**
 * What a first visit to `path` downloads as JavaScript: every `<script src>` in its HTML, summed raw and
 * gzipped (zlib level 9, as Next's old "First Load JS" column did). Inline scripts (the RSC payload) are not counted.
 */
export async function firstLoadJs(
  origin: string,
  route: string,
  cookie: string | undefined,
  cache: Map<string, { raw: number; gzip: number }>,
): Promise<RouteJs> {
  const res = await fetch(`${origin}${route}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const html = await res.text();
  // noModule scripts (Next's legacy polyfills) are skipped by every browser that runs modules: not counted.
  const tags = [...html.matchAll(SCRIPT_TAG)].map((m) => m[0]).filter((t) => !/\bnomodule\b/i.test(t));
  const srcs = [...new Set(tags.flatMap((t) => SRC.exec(t)?.[1]?.replaceAll('&amp;', '&') ?? []))];
  const chunks: Chunk[] = [];
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of srcs) {
    let size = cache.get(src);
    if (!size) {
      const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer());
      size = { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
      cache.set(src, size);
    }
    chunks.push({ src, ...size });
    rawBytes += size.raw;
    gzipBytes += size.gzip;
  }
  return { route, status: res.status, chunks, rawBytes, gzipBytes };
}
