CREATE TABLE `reintegration_assessment_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`domain` text NOT NULL,
	`weight` real NOT NULL,
	`score` integer NOT NULL,
	`evidence` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `reintegration_assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_scores_domain` ON `reintegration_assessment_scores` (`assessment_id`,`domain`);--> statement-breakpoint
CREATE TABLE `reintegration_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`opened_on` text NOT NULL,
	`officer_id` integer,
	`receiving_district` text,
	`receiving_street` text,
	`resettled_on` text,
	`transfer_institution` text,
	`transferred_on` text,
	`closed_on` text,
	`updated_at` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`officer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reintegration_cases_live_child` ON `reintegration_cases` (`child_id`) WHERE "reintegration_cases"."voided_at" IS NULL;--> statement-breakpoint
CREATE INDEX `reintegration_cases_officer_idx` ON `reintegration_cases` (`officer_id`);--> statement-breakpoint
CREATE TABLE `reintegration_checklist` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`case_id` integer NOT NULL,
	`item` text NOT NULL,
	`owner` text,
	`due_on` text,
	`status` text DEFAULT 'todo' NOT NULL,
	`done_on` text,
	`note` text,
	`updated_at` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `reintegration_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reintegration_checklist_case_idx` ON `reintegration_checklist` (`case_id`);--> statement-breakpoint
CREATE TABLE `reintegration_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`case_id` integer NOT NULL,
	`task` text NOT NULL,
	`contact` text,
	`due_on` text,
	`status` text DEFAULT 'todo' NOT NULL,
	`done_on` text,
	`evidence_document_ids` text DEFAULT '[]' NOT NULL,
	`note` text,
	`updated_at` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `reintegration_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reintegration_tasks_case_idx` ON `reintegration_tasks` (`case_id`);--> statement-breakpoint
CREATE TABLE `reintegration_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`case_id` integer NOT NULL,
	`visited_on` text NOT NULL,
	`visitor` text NOT NULL,
	`notes` text NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `reintegration_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reintegration_visits_case_idx` ON `reintegration_visits` (`case_id`,`visited_on`);--> statement-breakpoint
ALTER TABLE `reintegration_assessments` ADD `case_id` integer REFERENCES reintegration_cases(id);--> statement-breakpoint
ALTER TABLE `reintegration_assessments` ADD `reasons` text;--> statement-breakpoint
ALTER TABLE `reintegration_assessments` ADD `rubric_version` text;--> statement-breakpoint
ALTER TABLE `reintegration_assessments` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `reintegration_assessments` ADD `approved_by` integer;--> statement-breakpoint
CREATE INDEX `assessments_case_idx` ON `reintegration_assessments` (`case_id`);--> statement-breakpoint
ALTER TABLE `vocational_rehab` ADD `case_id` integer REFERENCES reintegration_cases(id);--> statement-breakpoint
ALTER TABLE `vocational_rehab` ADD `programme` text;--> statement-breakpoint
ALTER TABLE `vocational_rehab` ADD `planned_end` text;--> statement-breakpoint
ALTER TABLE `vocational_rehab` ADD `outcome` text;