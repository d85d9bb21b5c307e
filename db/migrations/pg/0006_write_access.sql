ALTER TABLE "integrations" ADD COLUMN "write_memberships" text;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "write_memberships_note" text;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "write_apps" text;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "write_apps_note" text;