import { csvAttachment, defineRoute } from '@/lib/api/route';
import { recordAudit, userActor } from '@/lib/audit';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { getIntegration } from '@/lib/integrations/store';
import { LOGS_SCOPE } from '@/lib/okta';
import { CHANGES_EXPORT_MAX_ROWS, exportOutsideChangesCsv } from '@/lib/queries/changes-export';
import { changesFilterSchema, changesSince } from '@/lib/validations/changes';
import { integrationId } from '@/lib/validations/setup';

// Viewer, like the feed it exports. The export is itself audited with its filters.
export const GET = defineRoute<typeof changesFilterSchema, { integrationId: string }>(
  { name: 'directory.changes_export', role: 'viewer', query: changesFilterSchema },
  async ({ query, params, user, request }) => {
    const id = integrationId.safeParse(params.integrationId);
    const integration = id.success ? await getIntegration(id.data) : undefined;
    if (!integration) return Response.json({ error: 'Unknown integration.' }, { status: 404 });
    if (!integration.grantedScopes.includes(LOGS_SCOPE))
      return Response.json(
        { error: `Grant ${LOGS_SCOPE} to the integration's app in Okta, then test the integration.` },
        { status: 409 },
      );
    const since = changesSince(query);
    const filter = { since, userId: query.user, groupId: query.group, appId: query.app, actorId: query.actor };
    const { stream } = await exportOutsideChangesCsv(integration.id, filter);
    await recordAudit({
      actor: userActor(user),
      action: 'okta_log.export',
      outcome: 'success',
      integrationId: integration.id,
      detail: { filter: { ...query, since: since.toISOString() }, maxRows: CHANGES_EXPORT_MAX_ROWS },
      ip: clientIpFrom(request.headers),
    });
    const stamp = since.toISOString().slice(0, 10);
    return csvAttachment(stream, `okta-changes-outside-console-since-${stamp}.csv`);
  },
);
