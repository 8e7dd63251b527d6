ALTER TABLE `audit_log` ADD `workstation_id` integer;--> statement-breakpoint
CREATE INDEX `audit_workstation_idx` ON `audit_log` (`workstation_id`,`id`);--> statement-breakpoint
CREATE TABLE `data_host` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`address` text NOT NULL,
	`port` integer NOT NULL,
	`listening` integer NOT NULL DEFAULT 0,
	`ca_cert` text NOT NULL,
	`ca_key` text NOT NULL,
	`server_cert` text NOT NULL,
	`server_key` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);--> statement-breakpoint
CREATE TABLE `workstations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`cert_fingerprint` text NOT NULL,
	`cert_serial` text NOT NULL,
	`enrolled_by` integer REFERENCES `users`(`id`),
	`enrolled_at` text NOT NULL,
	`last_seen_at` text,
	`revoked_at` text,
	`revoked_by` integer REFERENCES `users`(`id`)
);--> statement-breakpoint
CREATE UNIQUE INDEX `workstations_fingerprint_unique` ON `workstations` (`cert_fingerprint`);--> statement-breakpoint
CREATE TABLE `enrollment_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`created_by` integer REFERENCES `users`(`id`),
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`workstation_id` integer REFERENCES `workstations`(`id`)
);--> statement-breakpoint
CREATE UNIQUE INDEX `enrollment_codes_hash_unique` ON `enrollment_codes` (`code_hash`);--> statement-breakpoint
CREATE TABLE `request_answers` (
	`workstation_id` integer NOT NULL,
	`request_id` text NOT NULL,
	`channel` text NOT NULL,
	`at` text NOT NULL,
	`answer` text NOT NULL,
	PRIMARY KEY(`workstation_id`, `request_id`)
);--> statement-breakpoint
CREATE INDEX `request_answers_at_idx` ON `request_answers` (`at`);
