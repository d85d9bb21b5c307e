CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`integration_id` text NOT NULL,
	`kind` text NOT NULL,
	`resource_id` text NOT NULL,
	`resource_label` text NOT NULL,
	`member_id` text NOT NULL,
	`member_label` text NOT NULL,
	`reason` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_label` text NOT NULL,
	`granted_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`state` text NOT NULL,
	`preexisting` integer DEFAULT false NOT NULL,
	`outcome` text,
	`failure_reason` text,
	`okta_request_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`not_before` integer,
	`failing_since` integer,
	`grant_audit_id` text,
	`end_audit_id` text,
	`ended_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grants_open_uq` ON `grants` (`integration_id`,`kind`,`resource_id`,`member_id`) WHERE "grants"."state" in ('active', 'ending', 'overdue');--> statement-breakpoint
CREATE INDEX `grants_due_idx` ON `grants` (`state`,`ends_at`);--> statement-breakpoint
CREATE INDEX `grants_integration_idx` ON `grants` (`integration_id`,`ends_at`);