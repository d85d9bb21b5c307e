import type { Route } from './types';

export type Match =
  { route: Route; params: Record<string, string> } | { methodNotAllowed: true; template: string } | null;

/** Matches `/api/v1/users/:id` style templates; path params are percent-decoded. */
export class Router {
  private readonly routes: Array<{ route: Route; parts: string[] }> = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, parts: route.template.split('/') });
  }

  match(method: string, path: string): Match {
    const segments = path.split('/');
    let template: string | undefined;
    for (const { route, parts } of this.routes) {
      const params = matchParts(parts, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      template ??= route.template;
    }
    return template ? { methodNotAllowed: true, template } : null;
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | null {
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const s = segments[i]!;
    if (p.startsWith(':')) {
      if (!s) return null;
      try {
        params[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return null;
      }
    } else if (p !== s) return null;
  }
  return params;
}
