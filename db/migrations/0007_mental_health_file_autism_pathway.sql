CREATE TABLE `mental_health_follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`check_id` integer NOT NULL,
	`followed_on` text NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`check_id`) REFERENCES `mental_health_checks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mental_health_follow_ups_check_idx` ON `mental_health_follow_ups` (`check_id`,`followed_on`);--> statement-breakpoint
CREATE TABLE `autism_pathway_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`stage` text NOT NULL,
	`occurred_on` text NOT NULL,
	`tool` text,
	`result` text,
	`confirmed` integer,
	`referral` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `autism_pathway_child_idx` ON `autism_pathway_events` (`child_id`,`occurred_on`);--> statement-breakpoint
ALTER TABLE `mental_health_checks` ADD `scores` text;--> statement-breakpoint
ALTER TABLE `mental_health_checks` ADD `referral_date` text;--> statement-breakpoint
ALTER TABLE `mental_health_checks` ADD `closed_at` text;--> statement-breakpoint
ALTER TABLE `mental_health_checks` ADD `closed_by` integer;--> statement-breakpoint
ALTER TABLE `mental_health_checks` ADD `close_comment` text;--> statement-breakpoint
CREATE INDEX `mental_health_open_high_idx` ON `mental_health_checks` (`risk_level`,`closed_at`);