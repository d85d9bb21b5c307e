ALTER TABLE `audit_events` ADD `second_target_type` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `second_target_id` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `second_target_label` text;--> statement-breakpoint
-- Access changes recorded before this migration named both ends only in detail.targets (JSON, the first end also
-- in target_*): copy the second end into its columns so the table, the Target filter and the CSV name it too.
-- Only these columns are filled; what each event recorded is unchanged. The CASE reads only detail that is valid JSON.
UPDATE `audit_events` SET
  `second_target_type` = json_extract(`detail`, '$.targets[1].type'),
  `second_target_id` = json_extract(`detail`, '$.targets[1].id'),
  `second_target_label` = json_extract(`detail`, '$.targets[1].label')
WHERE `action` IN ('group.add_member', 'group.remove_member', 'app.assign_user', 'app.unassign_user', 'app.assign_group', 'app.unassign_group')
  AND CASE WHEN json_valid(`detail`) THEN json_type(`detail`, '$.targets[1]') = 'object' ELSE 0 END;
