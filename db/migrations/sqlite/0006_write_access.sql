ALTER TABLE `integrations` ADD `write_memberships` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `write_memberships_note` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `write_apps` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `write_apps_note` text;