CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`issued_on` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `documents_child_idx` ON `documents` (`child_id`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `benefits_received` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`code` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`monthly_amount_fen` integer,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "benefits_interval" CHECK("benefits_received"."to_date" IS NULL OR "benefits_received"."to_date" >= "benefits_received"."from_date"),
	CONSTRAINT "benefits_amount" CHECK("benefits_received"."monthly_amount_fen" IS NULL OR "benefits_received"."monthly_amount_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `benefits_child_idx` ON `benefits_received` (`child_id`,`code`,`from_date`);--> statement-breakpoint
CREATE INDEX `benefits_code_idx` ON `benefits_received` (`code`,`from_date`);--> statement-breakpoint
CREATE TABLE `child_status_facts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`effective_date` text NOT NULL,
	`valid_until` text,
	`evidence` text,
	`document_id` integer,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "status_facts_valid_until" CHECK("child_status_facts"."valid_until" IS NULL OR "child_status_facts"."valid_until" >= "child_status_facts"."effective_date")
);
--> statement-breakpoint
CREATE INDEX `status_facts_child_kind_idx` ON `child_status_facts` (`child_id`,`kind`,`effective_date`);--> statement-breakpoint
CREATE TABLE `disabilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`certificate_number` text,
	`category` text NOT NULL,
	`grade` integer NOT NULL,
	`issued_on` text,
	`valid_until` text,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "disabilities_interval" CHECK("disabilities"."to_date" IS NULL OR "disabilities"."to_date" >= "disabilities"."from_date"),
	CONSTRAINT "disabilities_grade" CHECK("disabilities"."grade" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE INDEX `disabilities_child_idx` ON `disabilities` (`child_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `disabilities_valid_until_idx` ON `disabilities` (`valid_until`);--> statement-breakpoint
CREATE TABLE `education_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`stage` text NOT NULL,
	`school` text,
	`full_time` integer NOT NULL,
	`enrolment_date` text NOT NULL,
	`standard_duration_years` integer NOT NULL,
	`expected_completion` text,
	`actual_completion` text,
	`outcome` text,
	`note` text,
	`updated_at` text,
	`updated_by` integer,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "education_duration" CHECK("education_records"."standard_duration_years" BETWEEN 1 AND 9),
	CONSTRAINT "education_completion" CHECK("education_records"."actual_completion" IS NULL OR "education_records"."actual_completion" >= "education_records"."enrolment_date")
);
--> statement-breakpoint
CREATE INDEX `education_child_idx` ON `education_records` (`child_id`,`enrolment_date`);--> statement-breakpoint
CREATE INDEX `education_expected_idx` ON `education_records` (`expected_completion`);--> statement-breakpoint
CREATE TABLE `guardianships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`guardian_kind` text NOT NULL,
	`guardian_name` text NOT NULL,
	`basis` text,
	`court_appointed` integer DEFAULT false NOT NULL,
	`adequacy` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "guardianships_interval" CHECK("guardianships"."to_date" IS NULL OR "guardianships"."to_date" >= "guardianships"."from_date")
);
--> statement-breakpoint
CREATE INDEX `guardianships_child_idx` ON `guardianships` (`child_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `medical_aid_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`claim_date` text NOT NULL,
	`hospital` text,
	`eligible_cost_fen` integer NOT NULL,
	`aided_fen` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "medical_aid_amounts" CHECK("medical_aid_claims"."eligible_cost_fen" >= 0 AND "medical_aid_claims"."aided_fen" >= 0 AND "medical_aid_claims"."aided_fen" <= "medical_aid_claims"."eligible_cost_fen")
);
--> statement-breakpoint
CREATE INDEX `medical_aid_child_idx` ON `medical_aid_claims` (`child_id`,`claim_date`);--> statement-breakpoint
CREATE TABLE `medical_insurance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`year` integer NOT NULL,
	`enrolled` integer NOT NULL,
	`premium_subsidised` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `medical_insurance_child_year_unique` ON `medical_insurance` (`child_id`,`year`) WHERE "medical_insurance"."voided_at" IS NULL;--> statement-breakpoint
CREATE TABLE `placements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`kind` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`place` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "placements_interval" CHECK("placements"."to_date" IS NULL OR "placements"."to_date" >= "placements"."from_date")
);
--> statement-breakpoint
CREATE INDEX `placements_child_idx` ON `placements` (`child_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `reintegration_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`assessed_on` text NOT NULL,
	`round` integer NOT NULL,
	`result` text NOT NULL,
	`panel` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "assessments_round" CHECK("reintegration_assessments"."round" IN (1, 2))
);
--> statement-breakpoint
CREATE INDEX `assessments_child_idx` ON `reintegration_assessments` (`child_id`,`assessed_on`);--> statement-breakpoint
CREATE INDEX `assessments_date_idx` ON `reintegration_assessments` (`assessed_on`);--> statement-breakpoint
CREATE TABLE `vocational_rehab` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`from_date` text NOT NULL,
	`completed_on` text,
	`provider` text,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "vocational_rehab_interval" CHECK("vocational_rehab"."completed_on" IS NULL OR "vocational_rehab"."completed_on" >= "vocational_rehab"."from_date")
);
--> statement-breakpoint
CREATE INDEX `vocational_rehab_child_idx` ON `vocational_rehab` (`child_id`,`from_date`);--> statement-breakpoint
ALTER TABLE `children` ADD `former_names` text;--> statement-breakpoint
ALTER TABLE `children` ADD `nationality` text;--> statement-breakpoint
ALTER TABLE `children` ADD `ethnicity` text;--> statement-breakpoint
ALTER TABLE `children` ADD `hukou_kind` text;--> statement-breakpoint
ALTER TABLE `children` ADD `hukou_district_code` text;--> statement-breakpoint
ALTER TABLE `children` ADD `hukou_street` text;--> statement-breakpoint
ALTER TABLE `children` ADD `hukou_province_code` text;--> statement-breakpoint
ALTER TABLE `children` ADD `admission_source` text;--> statement-breakpoint
ALTER TABLE `children` ADD `referring_body` text;--> statement-breakpoint
ALTER TABLE `children` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `children` ADD `discharge_date` text;--> statement-breakpoint
ALTER TABLE `children` ADD `photo_document_id` integer REFERENCES documents(id);