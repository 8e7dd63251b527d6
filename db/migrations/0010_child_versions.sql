CREATE TABLE `child_versions` (
	`child_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `child_versions_version_idx` ON `child_versions` (`version`);