ALTER TABLE `bulk_job_items` ADD `not_before` integer;--> statement-breakpoint
ALTER TABLE `bulk_job_items` ADD `failing_since` integer;