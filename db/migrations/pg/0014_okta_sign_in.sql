ALTER TABLE "console_users" ADD COLUMN "okta_issuer" text;--> statement-breakpoint
ALTER TABLE "console_users" ADD COLUMN "okta_sub" text;--> statement-breakpoint
ALTER TABLE "console_users" ADD COLUMN "okta_refresh_token" text;--> statement-breakpoint
ALTER TABLE "console_users" ADD COLUMN "okta_id_token" text;--> statement-breakpoint
ALTER TABLE "console_users" ADD COLUMN "okta_checked_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_okta_uq" ON "console_users" USING btree ("okta_issuer","okta_sub");