import 'server-only';

import { db, schema } from '@/db';
import { newOrderedId } from '@/lib/ids';
import { countAudited } from '@/lib/metrics';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditActor {
  type: 'user' | 'token' | 'system' | 'anonymous';
  id?: string | null;
  label: string;
}

/** A console user as an event's actor: their id, labelled by their email. */
export const userActor = (u: { id: string; email: string }): AuditActor => ({ type: 'user', id: u.id, label: u.email });

/** What an event acted on: an Okta user, group or app (`okta_user`…), an integration, a console user… */
export interface AuditTarget {
  type: string;
  id?: string | null;
  label?: string | null;
}

export interface AuditInput {
  actor: AuditActor;
  action: string;
  outcome: AuditOutcome;
  target?: AuditTarget;
  /** The other end of an access change or check (lib/access/kinds/ends.ts says which end comes first). */
  secondTarget?: AuditTarget;
  integrationId?: string | null;
  detail?: Record<string, unknown>;
  oktaRequestId?: string | null;
  ip?: string | null;
}

/** Appends one audit event. There is deliberately no update or delete path for this table. */
export async function recordAudit(e: AuditInput): Promise<void> {
  await db.insert(schema.auditEvents).values(auditRow(e));
  countAudited(e.action, e.outcome);
}

/** The row of one audit event, for callers that insert it inside their own transaction. */
export function auditRow(e: AuditInput): typeof schema.auditEvents.$inferInsert {
  const at = new Date();
  return {
    id: newOrderedId('aud', at),
    at,
    actorType: e.actor.type,
    actorId: e.actor.id ?? null,
    actorLabel: e.actor.label,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    targetLabel: e.target?.label ?? null,
    secondTargetType: e.secondTarget?.type ?? null,
    secondTargetId: e.secondTarget?.id ?? null,
    secondTargetLabel: e.secondTarget?.label ?? null,
    integrationId: e.integrationId ?? null,
    outcome: e.outcome,
    detail: e.detail ? JSON.stringify(e.detail) : null,
    oktaRequestId: e.oktaRequestId ?? null,
    ip: e.ip ?? null,
  };
}
