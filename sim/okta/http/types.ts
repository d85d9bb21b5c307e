import type { IncomingHttpHeaders } from 'node:http';
import type { AuthInfo } from '../auth/resource';
import type { SimState } from '../state';

export interface RequestContext {
  method: string;
  /** Raw (still percent-encoded) path. */
  path: string;
  /** Decoded path, as Okta compares it with a DPoP proof's htu. */
  decodedPath: string;
  origin: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  state: SimState;
  template: string;
  requiredScope?: string;
  auth?: AuthInfo;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** An HTML page (the sign-in and error pages of /authorize and /logout) instead of a JSON body. */
  html?: string;
  headers?: Record<string, string | string[]>;
}

export interface Route {
  method: string;
  template: string;
  /** Okta's operationId; also the key for mutation counts in stats(). */
  op: string;
  /** Management API routes: the scope Okta documents for the operation. */
  scope?: string;
  mutation?: boolean;
  handler: (ctx: RequestContext) => Promise<Reply> | Reply;
}
