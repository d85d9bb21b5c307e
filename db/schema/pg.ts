import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Twin of ./sqlite.ts: same table exports, same column keys (checked by db/schema/parity.test.ts).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const consoleUsers = pgTable(
  'console_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'operator', 'viewer'] }).notNull(),
    disabled: boolean('disabled').notNull().default(false),
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: ts('last_sign_in_at'),
    /** Set for a user who signs in with Okta: the issuer and Okta's `sub` (user id) the account is linked to. */
    oktaIssuer: text('okta_issuer'),
    oktaSub: text('okta_sub'),
    /** Sealed (lib/crypto): Okta's refresh token, to re-read the groups, and the last ID token, the logout hint. */
    oktaRefreshToken: text('okta_refresh_token'),
    oktaIdToken: text('okta_id_token'),
    /** When the groups were last read from Okta (sign-in or refresh): the role is re-checked after an interval. */
    oktaCheckedAt: ts('okta_checked_at'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('console_users_email_uq').on(t.email),
    uniqueIndex('console_users_okta_uq').on(t.oktaIssuer, t.oktaSub),
  ],
);

export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  /** Attempts in the current window (counted before the password is checked), not only failures. */
  failures: integer('failures').notNull(),
  windowStartedAt: ts('window_started_at').notNull(),
});

export const firstRunTokens = pgTable('first_run_tokens', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull(),
});

export const integrations = pgTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    oktaDomain: text('okta_domain').notNull(),
    clientId: text('client_id').notNull(),
    keyId: text('key_id'),
    privateKeySealed: text('private_key_sealed').notNull(),
    keyType: text('key_type').notNull(),
    keyThumbprint: text('key_thumbprint').notNull(),
    authMode: text('auth_mode', { enum: ['auto', 'dpop', 'bearer'] }).notNull(),
    dpopInUse: boolean('dpop_in_use').notNull().default(false),
    status: text('status', { enum: ['never_tested', 'connected', 'failing'] }).notNull(),
    failingSince: ts('failing_since'),
    lastTestedAt: ts('last_tested_at'),
    lastTestReport: text('last_test_report'),
    grantedScopes: text('granted_scopes'),
    /**
     * May the app change group memberships / app assignments: 'yes' or 'no' once its roles, a proof or a real
     * change showed it (the note says how and where), null while unknown (lib/integrations/write-access.ts).
     */
    writeMemberships: text('write_memberships', { enum: ['yes', 'no'] }),
    writeMembershipsNote: text('write_memberships_note'),
    writeApps: text('write_apps', { enum: ['yes', 'no'] }),
    writeAppsNote: text('write_apps_note'),
    /** Percent of each Okta rate-limit bucket the console may use; the rest is left to the org's other tools. */
    rateLimitShare: integer('rate_limit_share').notNull().default(100),
    /** A console-generated key waiting to be tested before it replaces the current one (key rotation). */
    pendingKeySealed: text('pending_key_sealed'),
    pendingKeyId: text('pending_key_id'),
    pendingPublicJwk: text('pending_public_jwk'),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('integrations_name_uq').on(t.name)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    at: ts('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    // A change's other end (a membership names the user, then the group; an assignment the app, then the member).
    secondTargetType: text('second_target_type'),
    secondTargetId: text('second_target_id'),
    secondTargetLabel: text('second_target_label'),
    integrationId: text('integration_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    detail: text('detail'),
    oktaRequestId: text('okta_request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_integration_idx').on(t.integrationId, t.at),
    index('audit_events_actor_idx').on(t.actorId, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    // The System Log links an Okta event to the console's write by its request id (lib/queries/history).
    index('audit_events_okta_request_idx').on(t.oktaRequestId),
  ],
);

/** A half-done setup wizard: one per admin; the private key is sealed here as in integrations. */
export const integrationDrafts = pgTable(
  'integration_drafts',
  {
    id: text('id').primaryKey(),
    createdBy: text('created_by').notNull(),
    completedSteps: text('completed_steps').notNull(),
    keySource: text('key_source', { enum: ['okta', 'console'] }),
    name: text('name'),
    oktaDomain: text('okta_domain'),
    clientId: text('client_id'),
    keyId: text('key_id'),
    privateKeySealed: text('private_key_sealed'),
    keyType: text('key_type'),
    keyThumbprint: text('key_thumbprint'),
    publicJwk: text('public_jwk'),
    lastTestReport: text('last_test_report'),
    lastTestOk: boolean('last_test_ok'),
    lastTestedAt: ts('last_tested_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('integration_drafts_created_by_uq').on(t.createdBy)],
);

/**
 * A bulk change: one Okta operation applied to many users, stored so it survives restarts. The
 * items carry the work; a job's counts are read from its items, never kept twice.
 */
export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: text('id').primaryKey(),
    integrationId: text('integration_id').notNull(),
    kind: text('kind', {
      enum: ['group.add_member', 'group.remove_member', 'app.assign_user', 'app.unassign_user'],
    }).notNull(),
    /** The group (membership kinds) or app (assignment kinds) every item is applied to. */
    targetId: text('target_id').notNull(),
    targetLabel: text('target_label').notNull(),
    /** preview: resolved but not confirmed; queued/running: a worker will or does take its items. */
    status: text('status', { enum: ['preview', 'queued', 'running', 'done', 'cancelled'] }).notNull(),
    /** JSON: pasted lines that did not resolve to exactly one user (not found, ambiguous, duplicate, invalid). */
    unresolved: text('unresolved'),
    /** The job this one reverses (undo), and the job that reversed this one. */
    reverseOf: text('reverse_of'),
    undoneBy: text('undone_by'),
    /** A time-bound job (kinds that give access): each row that lands becomes a grant ending then (lib/grants). */
    endsAt: ts('ends_at'),
    /** The reason of a time-bound job, kept in each grant and its audit events. */
    grantReason: text('grant_reason'),
    actorType: text('actor_type', { enum: ['user', 'token'] }).notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    finishedAt: ts('finished_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    index('bulk_jobs_status_idx').on(t.status, t.createdAt),
    index('bulk_jobs_integration_idx').on(t.integrationId, t.createdAt),
  ],
);

/** One user of a bulk job. A worker claims it (claimedBy + claimedAt is its lease) and records the outcome once. */
export const bulkJobItems = pgTable(
  'bulk_job_items',
  {
    id: text('id').primaryKey(),
    jobId: text('job_id').notNull(),
    seq: integer('seq').notNull(),
    /** What the admin pasted for this row, and the Okta user it resolved to. */
    input: text('input').notNull(),
    userId: text('user_id').notNull(),
    userLabel: text('user_label').notNull(),
    /** skipped: already in the target state at preview time, so nothing is sent to Okta. */
    status: text('status', { enum: ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] }).notNull(),
    outcome: text('outcome'),
    message: text('message'),
    oktaRequestId: text('okta_request_id'),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedAt: ts('claimed_at'),
    finishedAt: ts('finished_at'),
    /** A row handed back after a transient failure (5xx, lost connection, 429): not claimed before this time. */
    notBefore: ts('not_before'),
    /** When the row first failed transiently (since its last start): past the retry window it fails for good. */
    failingSince: ts('failing_since'),
  },
  (t) => [
    uniqueIndex('bulk_job_items_job_seq_uq').on(t.jobId, t.seq),
    index('bulk_job_items_claim_idx').on(t.status, t.jobId, t.seq),
  ],
);

/**
 * An automation API token. Only a SHA-256 of the secret is kept; the secret is shown once. The rate
 * window lives on the row so one atomic UPDATE per request counts it across console processes.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the secret, to recognise a token in lists and logs. */
    prefix: text('prefix').notNull(),
    access: text('access', { enum: ['read', 'write'] }).notNull(),
    /** JSON array of integration ids this token may use. */
    integrationIds: text('integration_ids').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
    windowStartedAt: ts('window_started_at'),
    windowCount: integer('window_count').notNull().default(0),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

/**
 * Several console processes on one database spend the same Okta rate-limit buckets: each process says here, per
 * integration and bucket, how many calls it wants to make and has in flight (lib/integrations/rate-limit-peers.ts),
 * and paces at its share. Rows of a process that stopped go stale and are ignored, then deleted.
 */
export const rateLimitPeers = pgTable(
  'rate_limit_peers',
  {
    /** integration, bucket and process, joined by spaces. */
    key: text('key').primaryKey(),
    integrationId: text('integration_id').notNull(),
    bucket: text('bucket').notNull(),
    processId: text('process_id').notNull(),
    /** Calls waiting to start and in flight. */
    demand: integer('demand').notNull(),
    inflight: integer('inflight').notNull(),
    seenAt: ts('seen_at').notNull(),
  },
  (t) => [index('rate_limit_peers_bucket_idx').on(t.integrationId, t.bucket, t.seenAt)],
);

/**
 * Time-bound access: a membership or assignment the console gave until `endsAt` (UTC) and takes back once
 * (lib/grants). At most one open grant (active, ending, overdue) per change: granting it again extends it. A worker
 * claims a due grant (ending, with claimedBy + claimedAt as its lease) and records its end, with its audit event,
 * only while it holds the claim.
 */
export const grants = pgTable(
  'grants',
  {
    id: text('id').primaryKey(),
    integrationId: text('integration_id').notNull(),
    /** The kind that gave the access; its reverse takes it back. */
    kind: text('kind', { enum: ['group.add_member', 'app.assign_user', 'app.assign_group'] }).notNull(),
    /** The group or app, and the user or group that was given it, as the audit names them. */
    resourceId: text('resource_id').notNull(),
    resourceLabel: text('resource_label').notNull(),
    memberId: text('member_id').notNull(),
    memberLabel: text('member_label').notNull(),
    reason: text('reason').notNull(),
    /** Who granted it: a console user or an API token. */
    actorType: text('actor_type', { enum: ['user', 'token'] }).notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    grantedAt: ts('granted_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /**
     * active: waiting for its end; ending: a worker is taking it back; ended: taken back (or nothing to take back);
     * overdue: Okta refused to take it back (the reason is kept); permanent: an admin kept the access.
     */
    state: text('state', { enum: ['active', 'ending', 'ended', 'overdue', 'permanent'] }).notNull(),
    /** The access existed when it was granted: its end removes nothing. */
    preexisting: boolean('preexisting').notNull().default(false),
    /** How it ended: the reverse kind's write outcome (removed, not_member…), `kept` (pre-existing), `not_found`. */
    outcome: text('outcome'),
    /** Why it is overdue, or the last transient failure while it is retried. */
    failureReason: text('failure_reason'),
    oktaRequestId: text('okta_request_id'),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedAt: ts('claimed_at'),
    /** After a transient failure: not claimed before this time. */
    notBefore: ts('not_before'),
    failingSince: ts('failing_since'),
    /** The audit events of the grant (its change) and of its end: the log links the two. */
    grantAuditId: text('grant_audit_id'),
    endAuditId: text('end_audit_id'),
    endedAt: ts('ended_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('grants_open_uq')
      .on(t.integrationId, t.kind, t.resourceId, t.memberId)
      .where(sql`${t.state} in ('active', 'ending', 'overdue')`),
    index('grants_due_idx').on(t.state, t.endsAt),
    index('grants_integration_idx').on(t.integrationId, t.endsAt),
  ],
);
