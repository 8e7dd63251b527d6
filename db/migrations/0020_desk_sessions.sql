-- Sign-ins at the desks survive a restart of the data host: each session of a workstation's page is
-- kept here by the SHA-256 of its key (never the key itself), with its person, its desk and the
-- certificate the desk proved, when it began, its last activity, whether its screen is locked, and
-- when it expires. The in-memory store stays the working copy; this table is what comes back.
CREATE TABLE `desk_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL REFERENCES `users`(`id`),
	`workstation_id` integer NOT NULL REFERENCES `workstations`(`id`),
	`cert_fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`last_activity_at` text NOT NULL,
	`locked` integer NOT NULL DEFAULT 0,
	`expires_at` text NOT NULL
);--> statement-breakpoint
CREATE INDEX `desk_sessions_user_idx` ON `desk_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `desk_sessions_workstation_idx` ON `desk_sessions` (`workstation_id`);
