CREATE TABLE "grants" (
	"id" text PRIMARY KEY NOT NULL,
	"integration_id" text NOT NULL,
	"kind" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_label" text NOT NULL,
	"member_id" text NOT NULL,
	"member_label" text NOT NULL,
	"reason" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_label" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"preexisting" boolean DEFAULT false NOT NULL,
	"outcome" text,
	"failure_reason" text,
	"okta_request_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"not_before" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"grant_audit_id" text,
	"end_audit_id" text,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "grants_open_uq" ON "grants" USING btree ("integration_id","kind","resource_id","member_id") WHERE "grants"."state" in ('active', 'ending', 'overdue');--> statement-breakpoint
CREATE INDEX "grants_due_idx" ON "grants" USING btree ("state","ends_at");--> statement-breakpoint
CREATE INDEX "grants_integration_idx" ON "grants" USING btree ("integration_id","ends_at");