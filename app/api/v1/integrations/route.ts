import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiJson } from '@/lib/api/v1/respond';
import { listIntegrations } from '@/lib/integrations/store';

/** The integrations this token may use (deleted ones drop out). */
export const GET = defineApiRoute({ name: 'api.list_integrations', access: 'read' }, async ({ token }) => {
  const allowed = new Set(token.integrationIds);
  const items = (await listIntegrations())
    .filter((i) => allowed.has(i.id))
    .map((i) => ({ id: i.id, name: i.name, oktaDomain: i.oktaDomain, status: i.status }));
  return apiJson(200, { items, access: token.access });
});
