-- No update lost between two desks (issue 19.4). Every change to an existing part of a record (a
-- child's particulars, one placement, one plan with its goals, one case's task, a user, a setting…) moves
-- that part's version here in the same transaction, whichever code path writes it. An edit carries the
-- version it was read at; the host refuses it with `conflict` when the version has moved since. Inserts of a
-- part start at version 0 (no row); rows that belong to a part (a plan's goals, a session's goals, an
-- assessment's scores) move their parent's version. `entity` uses the audit trail's names, so the audit row
-- that moved a version names who changed what, and when.
CREATE TABLE `record_versions` (
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`child_id` integer,
	`version` integer NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`)
);
--> statement-breakpoint
CREATE INDEX `record_versions_child_idx` ON `record_versions` (`child_id`);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`, `entity_id`, `id`);
--> statement-breakpoint
CREATE TRIGGER `record_version_children_update` AFTER UPDATE ON `children`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'child', NEW.`id`, NEW.`id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_children_delete` AFTER DELETE ON `children`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'child', OLD.`id`, OLD.`id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_child_status_facts_update` AFTER UPDATE ON `child_status_facts`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'statusFact', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_child_status_facts_delete` AFTER DELETE ON `child_status_facts`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'statusFact', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_placements_update` AFTER UPDATE ON `placements`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'placement', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_placements_delete` AFTER DELETE ON `placements`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'placement', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_guardianships_update` AFTER UPDATE ON `guardianships`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'guardianship', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_guardianships_delete` AFTER DELETE ON `guardianships`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'guardianship', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_disabilities_update` AFTER UPDATE ON `disabilities`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'disability', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_disabilities_delete` AFTER DELETE ON `disabilities`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'disability', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_education_records_update` AFTER UPDATE ON `education_records`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'education', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_education_records_delete` AFTER DELETE ON `education_records`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'education', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_benefits_received_update` AFTER UPDATE ON `benefits_received`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'benefit', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_benefits_received_delete` AFTER DELETE ON `benefits_received`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'benefit', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_medical_insurance_update` AFTER UPDATE ON `medical_insurance`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'medicalInsurance', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_medical_insurance_delete` AFTER DELETE ON `medical_insurance`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'medicalInsurance', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_medical_aid_claims_update` AFTER UPDATE ON `medical_aid_claims`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'medicalAidClaim', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_medical_aid_claims_delete` AFTER DELETE ON `medical_aid_claims`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'medicalAidClaim', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_documents_update` AFTER UPDATE ON `documents`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'document', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_documents_delete` AFTER DELETE ON `documents`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'document', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plans_update` AFTER UPDATE ON `rehab_plans`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plans_delete` AFTER DELETE ON `rehab_plans`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_sessions_update` AFTER UPDATE ON `rehab_sessions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabSession', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_sessions_delete` AFTER DELETE ON `rehab_sessions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabSession', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_measures_update` AFTER UPDATE ON `rehab_measures`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabMeasure', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_measures_delete` AFTER DELETE ON `rehab_measures`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabMeasure', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_mental_health_checks_update` AFTER UPDATE ON `mental_health_checks`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'mentalHealthCheck', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_mental_health_checks_delete` AFTER DELETE ON `mental_health_checks`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'mentalHealthCheck', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_mental_health_follow_ups_update` AFTER UPDATE ON `mental_health_follow_ups`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'mentalHealthFollowUp', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_mental_health_follow_ups_delete` AFTER DELETE ON `mental_health_follow_ups`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'mentalHealthFollowUp', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_autism_pathway_events_update` AFTER UPDATE ON `autism_pathway_events`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'autismEvent', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_autism_pathway_events_delete` AFTER DELETE ON `autism_pathway_events`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'autismEvent', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_cases_update` AFTER UPDATE ON `reintegration_cases`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationCase', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_cases_delete` AFTER DELETE ON `reintegration_cases`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationCase', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_checklist_update` AFTER UPDATE ON `reintegration_checklist`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationChecklist', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_checklist_delete` AFTER DELETE ON `reintegration_checklist`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationChecklist', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_tasks_update` AFTER UPDATE ON `reintegration_tasks`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationTask', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_tasks_delete` AFTER DELETE ON `reintegration_tasks`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationTask', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_visits_update` AFTER UPDATE ON `reintegration_visits`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationVisit', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_visits_delete` AFTER DELETE ON `reintegration_visits`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'reintegrationVisit', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_assessments_update` AFTER UPDATE ON `reintegration_assessments`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'assessment', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_assessments_delete` AFTER DELETE ON `reintegration_assessments`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'assessment', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_vocational_rehab_update` AFTER UPDATE ON `vocational_rehab`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'vocationalRehab', NEW.`id`, NEW.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_vocational_rehab_delete` AFTER DELETE ON `vocational_rehab`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'vocationalRehab', OLD.`id`, OLD.`child_id`, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_users_update` AFTER UPDATE ON `users`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'user', NEW.`id`, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_users_delete` AFTER DELETE ON `users`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'user', OLD.`id`, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_config_update` AFTER UPDATE ON `rehab_config`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabConfig', NEW.`id`, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_config_delete` AFTER DELETE ON `rehab_config`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabConfig', OLD.`id`, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_settings_insert` AFTER INSERT ON `settings`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'setting:' || NEW.`key`, 0, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_settings_update` AFTER UPDATE ON `settings`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'setting:' || NEW.`key`, 0, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_settings_delete` AFTER DELETE ON `settings`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'setting:' || OLD.`key`, 0, NULL, 1 WHERE true ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_goals_insert` AFTER INSERT ON `rehab_goals`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_goals_update` AFTER UPDATE ON `rehab_goals`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_goals_delete` AFTER DELETE ON `rehab_goals`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_interventions_insert` AFTER INSERT ON `rehab_interventions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_interventions_update` AFTER UPDATE ON `rehab_interventions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_interventions_delete` AFTER DELETE ON `rehab_interventions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plan_therapists_insert` AFTER INSERT ON `rehab_plan_therapists`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plan_therapists_update` AFTER UPDATE ON `rehab_plan_therapists`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plan_therapists_delete` AFTER DELETE ON `rehab_plan_therapists`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plan_decisions_insert` AFTER INSERT ON `rehab_plan_decisions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plan_decisions_update` AFTER UPDATE ON `rehab_plan_decisions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_plan_decisions_delete` AFTER DELETE ON `rehab_plan_decisions`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabPlan', p.`id`, p.`child_id`, 1 FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_session_goals_insert` AFTER INSERT ON `rehab_session_goals`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabSession', p.`id`, p.`child_id`, 1 FROM `rehab_sessions` p WHERE p.`id` = NEW.`session_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_session_goals_update` AFTER UPDATE ON `rehab_session_goals`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabSession', p.`id`, p.`child_id`, 1 FROM `rehab_sessions` p WHERE p.`id` = NEW.`session_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_rehab_session_goals_delete` AFTER DELETE ON `rehab_session_goals`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'rehabSession', p.`id`, p.`child_id`, 1 FROM `rehab_sessions` p WHERE p.`id` = OLD.`session_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_assessment_scores_insert` AFTER INSERT ON `reintegration_assessment_scores`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'assessment', p.`id`, p.`child_id`, 1 FROM `reintegration_assessments` p WHERE p.`id` = NEW.`assessment_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_assessment_scores_update` AFTER UPDATE ON `reintegration_assessment_scores`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'assessment', p.`id`, p.`child_id`, 1 FROM `reintegration_assessments` p WHERE p.`id` = NEW.`assessment_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `record_version_reintegration_assessment_scores_delete` AFTER DELETE ON `reintegration_assessment_scores`
BEGIN
  INSERT INTO `record_versions` (`entity`, `entity_id`, `child_id`, `version`) SELECT 'assessment', p.`id`, p.`child_id`, 1 FROM `reintegration_assessments` p WHERE p.`id` = OLD.`assessment_id` ON CONFLICT(`entity`, `entity_id`) DO UPDATE SET `version` = `record_versions`.`version` + 1, `child_id` = excluded.`child_id`;
END;
--> statement-breakpoint
-- Caseloads (issue 18.9): who looks after which child, as what. An administrator or supervisor assigns;
-- a therapist can be given children before any plan names them. Ending an assignment keeps its row.
CREATE TABLE `caseload_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`assigned_at` text NOT NULL,
	`assigned_by` integer,
	`ended_at` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "caseload_role_check" CHECK("caseload_assignments"."role" IN ('caseworker', 'therapist', 'placementOfficer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `caseload_open_idx` ON `caseload_assignments` (`child_id`, `user_id`, `role`) WHERE `ended_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `caseload_user_idx` ON `caseload_assignments` (`user_id`, `ended_at`);
