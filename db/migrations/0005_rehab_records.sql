CREATE TABLE `rehab_config` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`body` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rehab_config_version_idx` ON `rehab_config` (`kind`,`key`,`version`);--> statement-breakpoint
CREATE TABLE `rehab_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`child_id` integer NOT NULL,
	`lineage_id` integer,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`icf_code` text,
	`level_minus2` text NOT NULL,
	`level_minus1` text NOT NULL,
	`level_0` text NOT NULL,
	`level_plus1` text NOT NULL,
	`level_plus2` text NOT NULL,
	`baseline` integer NOT NULL,
	`importance` integer NOT NULL,
	`difficulty` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `rehab_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rehab_goals_baseline" CHECK("rehab_goals"."baseline" BETWEEN -2 AND 2),
	CONSTRAINT "rehab_goals_importance" CHECK("rehab_goals"."importance" BETWEEN 0 AND 3),
	CONSTRAINT "rehab_goals_difficulty" CHECK("rehab_goals"."difficulty" BETWEEN 0 AND 3)
);
--> statement-breakpoint
CREATE INDEX `rehab_goals_plan_idx` ON `rehab_goals` (`plan_id`,`position`);--> statement-breakpoint
CREATE INDEX `rehab_goals_lineage_idx` ON `rehab_goals` (`lineage_id`);--> statement-breakpoint
CREATE TABLE `rehab_interventions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`provider` text,
	`therapist_id` integer,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`frequency` text,
	`weekdays` text,
	FOREIGN KEY (`plan_id`) REFERENCES `rehab_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rehab_interventions_interval" CHECK("rehab_interventions"."ends_on" IS NULL OR "rehab_interventions"."ends_on" >= "rehab_interventions"."starts_on")
);
--> statement-breakpoint
CREATE INDEX `rehab_interventions_plan_idx` ON `rehab_interventions` (`plan_id`);--> statement-breakpoint
CREATE TABLE `rehab_measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`instrument` text NOT NULL,
	`administered_on` text NOT NULL,
	`assessor` text,
	`items` text,
	`scores` text NOT NULL,
	`interpretation` text,
	`config_version` integer,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rehab_measures_child_idx` ON `rehab_measures` (`child_id`,`instrument`,`administered_on`);--> statement-breakpoint
CREATE TABLE `rehab_plan_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`decision` text NOT NULL,
	`comment` text,
	`decided_by` integer,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `rehab_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rehab_plan_decisions_plan_idx` ON `rehab_plan_decisions` (`plan_id`);--> statement-breakpoint
CREATE TABLE `rehab_plan_therapists` (
	`plan_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`plan_id`, `user_id`),
	FOREIGN KEY (`plan_id`) REFERENCES `rehab_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rehab_plan_therapists_user_idx` ON `rehab_plan_therapists` (`user_id`);--> statement-breakpoint
CREATE TABLE `rehab_session_goals` (
	`session_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	`rating` integer,
	PRIMARY KEY(`session_id`, `goal_id`),
	FOREIGN KEY (`session_id`) REFERENCES `rehab_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `rehab_goals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rehab_session_goals_rating" CHECK("rehab_session_goals"."rating" IS NULL OR "rehab_session_goals"."rating" BETWEEN -2 AND 2)
);
--> statement-breakpoint
CREATE INDEX `rehab_session_goals_goal_idx` ON `rehab_session_goals` (`goal_id`);--> statement-breakpoint
CREATE TABLE `rehab_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`plan_id` integer NOT NULL,
	`therapist_id` integer,
	`session_on` text NOT NULL,
	`attended` integer NOT NULL,
	`minutes` integer,
	`absence_reason` text,
	`note` text,
	`updated_at` text,
	`amends_session_id` integer,
	`amend_reason` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `rehab_plans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rehab_sessions_attendance" CHECK(("rehab_sessions"."attended" = 1 AND "rehab_sessions"."minutes" BETWEEN 1 AND 480) OR ("rehab_sessions"."attended" = 0 AND "rehab_sessions"."minutes" IS NULL AND "rehab_sessions"."absence_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `rehab_sessions_child_idx` ON `rehab_sessions` (`child_id`,`session_on`);--> statement-breakpoint
CREATE INDEX `rehab_sessions_therapist_idx` ON `rehab_sessions` (`therapist_id`,`session_on`);--> statement-breakpoint
CREATE INDEX `rehab_sessions_amends_idx` ON `rehab_sessions` (`amends_session_id`);