CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`access` text NOT NULL,
	`integration_ids` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	`window_started_at` integer,
	`window_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `bulk_job_items` (
	`id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`input` text NOT NULL,
	`user_id` text NOT NULL,
	`user_label` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`message` text,
	`okta_request_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_job_items_job_seq_uq` ON `bulk_job_items` (`job_id`,`seq`);--> statement-breakpoint
CREATE INDEX `bulk_job_items_claim_idx` ON `bulk_job_items` (`status`,`job_id`,`seq`);--> statement-breakpoint
CREATE TABLE `bulk_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`integration_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`target_label` text NOT NULL,
	`status` text NOT NULL,
	`unresolved` text,
	`reverse_of` text,
	`undone_by` text,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_label` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	`cancelled_at` integer
);
--> statement-breakpoint
CREATE INDEX `bulk_jobs_status_idx` ON `bulk_jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `bulk_jobs_integration_idx` ON `bulk_jobs` (`integration_id`,`created_at`);