ALTER TABLE `bulk_jobs` ADD `ends_at` integer;--> statement-breakpoint
ALTER TABLE `bulk_jobs` ADD `grant_reason` text;