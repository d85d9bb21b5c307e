ALTER TABLE `console_users` ADD `okta_issuer` text;--> statement-breakpoint
ALTER TABLE `console_users` ADD `okta_sub` text;--> statement-breakpoint
ALTER TABLE `console_users` ADD `okta_refresh_token` text;--> statement-breakpoint
ALTER TABLE `console_users` ADD `okta_id_token` text;--> statement-breakpoint
ALTER TABLE `console_users` ADD `okta_checked_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `console_users_okta_uq` ON `console_users` (`okta_issuer`,`okta_sub`);