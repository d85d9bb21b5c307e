CREATE TABLE `rate_limit_peers` (
	`key` text PRIMARY KEY NOT NULL,
	`integration_id` text NOT NULL,
	`bucket` text NOT NULL,
	`process_id` text NOT NULL,
	`demand` integer NOT NULL,
	`inflight` integer NOT NULL,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_peers_bucket_idx` ON `rate_limit_peers` (`integration_id`,`bucket`,`seen_at`);