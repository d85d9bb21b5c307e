export interface SimStats {
  /** Requests per `METHOD /path/template` (e.g. `GET /api/v1/users/:id`). */
  requests: Record<string, number>;
  tokenRequests: number;
  tokensIssued: number;
  /** 429 responses sent (rate limit, concurrency and injected). */
  rateLimited: number;
  peakConcurrency: number;
  inFlight: number;
  /** Successful mutations per operationId (e.g. assignUserToGroup), so a test can prove none was doubled. */
  mutations: Record<string, number>;
  faultsInjected: number;
  /** Index entries visited by list endpoints (a page should cost about `limit` of them, not the org size). */
  itemsScanned: number;
}

export function emptyStats(): SimStats {
  return {
    requests: {},
    tokenRequests: 0,
    tokensIssued: 0,
    rateLimited: 0,
    peakConcurrency: 0,
    inFlight: 0,
    mutations: {},
    faultsInjected: 0,
    itemsScanned: 0,
  };
}

export function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}
