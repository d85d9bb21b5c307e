import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { CSV_BOM, csvRow } from '@/lib/csv';
import { oktaFor } from '@/lib/integrations/okta-for';
import { log } from '@/lib/log';
import { madeByClient, type OktaAccessChange } from '@/lib/okta';
import type { OutsideFilter } from './history';

export const CHANGES_EXPORT_MAX_ROWS = 100_000;

export const CHANGES_CSV_HEADER = [
  'time',
  'what',
  'event_type',
  'user_id',
  'user',
  'group_id',
  'group',
  'app_id',
  'app',
  'via',
  'rule_id',
  'actor',
  'actor_type',
  'actor_id',
  'client_id',
  'okta_event_id',
] as const;

const toCells = (c: OktaAccessChange) => [
  c.at,
  c.what,
  c.eventType,
  c.user?.id,
  c.user?.login,
  c.group?.id,
  c.group?.name,
  c.app?.id,
  c.app?.label,
  c.via,
  c.ruleId,
  c.actor.name,
  c.actor.type,
  c.actor.id,
  c.clientId,
  c.uuid,
];

/**
 * The changes not made by this console since `filter.since`, oldest first, as CSV. Read from Okta's polling stream
 * (every event, following `next` as given, repeats dropped) one page at a time as the client consumes the stream,
 * until Okta has nothing newer or `maxRows` were written. Memory stays flat however long the history.
 */
export async function exportOutsideChangesCsv(
  integrationId: string,
  filter: OutsideFilter,
  opts: { maxRows?: number } = {},
): Promise<{ stream: ReadableStream<Uint8Array>; rows: () => number; truncated: () => boolean }> {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  const maxRows = opts.maxRows ?? CHANGES_EXPORT_MAX_ROWS;
  const targetIds = [filter.userId, filter.groupId, filter.appId].filter((v): v is string => Boolean(v));
  const changes = client.logs.accessStream({ targetIds, actorId: filter.actorId, since: filter.since });
  const encoder = new TextEncoder();
  let sent = 0;
  let truncated = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(CHANGES_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        let chunk = '';
        for (let n = 0; n < 500; n++) {
          const r = await changes.next();
          if (r.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          if (madeByClient(r.value, integration.clientId)) continue;
          if (sent >= maxRows) {
            truncated = true;
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            await changes.return({ complete: false });
            return;
          }
          chunk += csvRow(toCells(r.value));
          sent++;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        log.error('changes_export_failed', { integrationId, err });
        controller.error(new Error('Reading Okta’s System Log failed part-way; the file is incomplete.'));
      }
    },
    async cancel() {
      await changes.return({ complete: false });
    },
  });
  return { stream, rows: () => sent, truncated: () => truncated };
}
