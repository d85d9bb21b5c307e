ALTER TABLE "audit_events" ADD COLUMN "second_target_type" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "second_target_id" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "second_target_label" text;--> statement-breakpoint
-- Access changes recorded before this migration named both ends only in detail.targets (JSON, the first end also
-- in target_*): copy the second end into its columns so the table, the Target filter and the CSV name it too.
-- Only these columns are filled; what each event recorded is unchanged. The CASE casts to JSON only detail that
-- names targets, all of which lib/audit.ts wrote with JSON.stringify.
UPDATE "audit_events" SET
  "second_target_type" = "detail"::jsonb #>> '{targets,1,type}',
  "second_target_id" = "detail"::jsonb #>> '{targets,1,id}',
  "second_target_label" = "detail"::jsonb #>> '{targets,1,label}'
WHERE "action" IN ('group.add_member', 'group.remove_member', 'app.assign_user', 'app.unassign_user', 'app.assign_group', 'app.unassign_group')
  AND CASE WHEN "detail" LIKE '{%"targets":[%' THEN jsonb_typeof("detail"::jsonb #> '{targets,1}') = 'object' ELSE false END;
