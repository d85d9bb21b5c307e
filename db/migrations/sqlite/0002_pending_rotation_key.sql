ALTER TABLE `integrations` ADD `pending_key_sealed` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `pending_key_id` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `pending_public_jwk` text;