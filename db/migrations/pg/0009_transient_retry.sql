ALTER TABLE "bulk_job_items" ADD COLUMN "not_before" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD COLUMN "failing_since" timestamp with time zone;