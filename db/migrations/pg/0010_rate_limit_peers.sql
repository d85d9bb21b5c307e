CREATE TABLE "rate_limit_peers" (
	"key" text PRIMARY KEY NOT NULL,
	"integration_id" text NOT NULL,
	"bucket" text NOT NULL,
	"process_id" text NOT NULL,
	"demand" integer NOT NULL,
	"inflight" integer NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_peers_bucket_idx" ON "rate_limit_peers" USING btree ("integration_id","bucket","seen_at");