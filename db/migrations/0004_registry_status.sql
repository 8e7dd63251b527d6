ALTER TABLE `children` ADD `discharge_reason` text;--> statement-breakpoint
ALTER TABLE `children` ADD `discharge_note` text;