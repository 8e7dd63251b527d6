CREATE TABLE `mental_health_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`checked_on` text NOT NULL,
	`instrument` text,
	`risk_level` text NOT NULL,
	`actions` text,
	`referral` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mental_health_child_idx` ON `mental_health_checks` (`child_id`,`checked_on`);--> statement-breakpoint
CREATE TABLE `rehab_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`version` integer NOT NULL,
	`previous_plan_id` integer,
	`status` text NOT NULL,
	`starts_on` text NOT NULL,
	`review_on` text NOT NULL,
	`summary` text,
	`approved_by` integer,
	`approved_at` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rehab_plans_version" CHECK("rehab_plans"."version" >= 1),
	CONSTRAINT "rehab_plans_review" CHECK("rehab_plans"."review_on" >= "rehab_plans"."starts_on")
);
--> statement-breakpoint
CREATE INDEX `rehab_plans_child_idx` ON `rehab_plans` (`child_id`,`version`);--> statement-breakpoint
CREATE INDEX `rehab_plans_review_idx` ON `rehab_plans` (`status`,`review_on`);