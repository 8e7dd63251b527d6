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
CREATE INDEX `autism_pathway_child_idx` ON `autism_pathway_events` (`child_id`,`occurred_on`);