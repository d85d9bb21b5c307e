CREATE TABLE `integration_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` text NOT NULL,
	`completed_steps` text NOT NULL,
	`key_source` text,
	`name` text,
	`okta_domain` text,
	`client_id` text,
	`key_id` text,
	`private_key_sealed` text,
	`key_type` text,
	`key_thumbprint` text,
	`public_jwk` text,
	`last_test_report` text,
	`last_test_ok` integer,
	`last_tested_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_drafts_created_by_uq` ON `integration_drafts` (`created_by`);