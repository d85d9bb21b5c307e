import 'server-only';

import type { ManageResult } from '@/lib/grants/service';
import type { GrantRow } from '@/lib/grants/store';
import { toGrantView } from '@/lib/grants/views';
import { apiError, apiJson } from './respond';

// Shared by the /api/v1 grant routes: a grant as JSON, and the answers of its management.

/** A grant as the API shows it: the view (dates become ISO strings in JSON) and its own path. */
export const grantJson = (g: GrantRow) => ({
  ...toGrantView(g),
  path: `/api/v1/integrations/${g.integrationId}/grants/${g.id}`,
});

/** Extend, make permanent, end now: 200 with the grant, 400 for a refused end, 404, 409 refused, 502 Okta. */
export function manageResponse(r: ManageResult): Response {
  if (r.ok) return apiJson(200, { grant: grantJson(r.grant), message: r.message });
  const extra = r.field ? { fields: { [r.field]: [r.message] } } : {};
  if (r.code === 'invalid_input') return apiError(400, 'invalid_request', r.message, extra);
  if (r.code === 'not_found') return apiError(404, 'not_found', r.message);
  if (r.code === 'conflict') return apiError(409, 'refused', r.message);
  return apiError(502, 'okta', r.message);
}
