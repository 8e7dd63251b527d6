-- Every change to a child's record moves the child's version (child_versions, 0010) in the same
-- transaction: what is worked out from a record may be kept in memory only while the version stays.
-- One trigger per table and operation; a row that names its child through a parent row (a plan, a
-- session, an assessment) finds it there. The audit log, users, settings and configuration are not a
-- child's record and have none. tests/integration/child-versions.test.ts checks that every table is
-- covered or listed as not a child's record.
CREATE TRIGGER `child_version_children_insert` AFTER INSERT ON `children`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_children_update` AFTER UPDATE ON `children`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`id` IS NOT NEW.`id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_children_delete` AFTER DELETE ON `children`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_autism_pathway_events_insert` AFTER INSERT ON `autism_pathway_events`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_autism_pathway_events_update` AFTER UPDATE ON `autism_pathway_events`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_autism_pathway_events_delete` AFTER DELETE ON `autism_pathway_events`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_benefits_received_insert` AFTER INSERT ON `benefits_received`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_benefits_received_update` AFTER UPDATE ON `benefits_received`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_benefits_received_delete` AFTER DELETE ON `benefits_received`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_child_status_facts_insert` AFTER INSERT ON `child_status_facts`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_child_status_facts_update` AFTER UPDATE ON `child_status_facts`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_child_status_facts_delete` AFTER DELETE ON `child_status_facts`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_disabilities_insert` AFTER INSERT ON `disabilities`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_disabilities_update` AFTER UPDATE ON `disabilities`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_disabilities_delete` AFTER DELETE ON `disabilities`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_documents_insert` AFTER INSERT ON `documents`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_documents_update` AFTER UPDATE ON `documents`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_documents_delete` AFTER DELETE ON `documents`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_education_records_insert` AFTER INSERT ON `education_records`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_education_records_update` AFTER UPDATE ON `education_records`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_education_records_delete` AFTER DELETE ON `education_records`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_guardianships_insert` AFTER INSERT ON `guardianships`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_guardianships_update` AFTER UPDATE ON `guardianships`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_guardianships_delete` AFTER DELETE ON `guardianships`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_medical_aid_claims_insert` AFTER INSERT ON `medical_aid_claims`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_medical_aid_claims_update` AFTER UPDATE ON `medical_aid_claims`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_medical_aid_claims_delete` AFTER DELETE ON `medical_aid_claims`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_medical_insurance_insert` AFTER INSERT ON `medical_insurance`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_medical_insurance_update` AFTER UPDATE ON `medical_insurance`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_medical_insurance_delete` AFTER DELETE ON `medical_insurance`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_mental_health_checks_insert` AFTER INSERT ON `mental_health_checks`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_mental_health_checks_update` AFTER UPDATE ON `mental_health_checks`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_mental_health_checks_delete` AFTER DELETE ON `mental_health_checks`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_mental_health_follow_ups_insert` AFTER INSERT ON `mental_health_follow_ups`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_mental_health_follow_ups_update` AFTER UPDATE ON `mental_health_follow_ups`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_mental_health_follow_ups_delete` AFTER DELETE ON `mental_health_follow_ups`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_placements_insert` AFTER INSERT ON `placements`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_placements_update` AFTER UPDATE ON `placements`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_placements_delete` AFTER DELETE ON `placements`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_goals_insert` AFTER INSERT ON `rehab_goals`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_goals_update` AFTER UPDATE ON `rehab_goals`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_goals_delete` AFTER DELETE ON `rehab_goals`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_measures_insert` AFTER INSERT ON `rehab_measures`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_measures_update` AFTER UPDATE ON `rehab_measures`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_measures_delete` AFTER DELETE ON `rehab_measures`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plans_insert` AFTER INSERT ON `rehab_plans`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plans_update` AFTER UPDATE ON `rehab_plans`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plans_delete` AFTER DELETE ON `rehab_plans`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_sessions_insert` AFTER INSERT ON `rehab_sessions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_sessions_update` AFTER UPDATE ON `rehab_sessions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_sessions_delete` AFTER DELETE ON `rehab_sessions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_assessments_insert` AFTER INSERT ON `reintegration_assessments`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_assessments_update` AFTER UPDATE ON `reintegration_assessments`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_assessments_delete` AFTER DELETE ON `reintegration_assessments`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_cases_insert` AFTER INSERT ON `reintegration_cases`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_cases_update` AFTER UPDATE ON `reintegration_cases`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_cases_delete` AFTER DELETE ON `reintegration_cases`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_checklist_insert` AFTER INSERT ON `reintegration_checklist`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_checklist_update` AFTER UPDATE ON `reintegration_checklist`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_checklist_delete` AFTER DELETE ON `reintegration_checklist`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_tasks_insert` AFTER INSERT ON `reintegration_tasks`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_tasks_update` AFTER UPDATE ON `reintegration_tasks`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_tasks_delete` AFTER DELETE ON `reintegration_tasks`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_visits_insert` AFTER INSERT ON `reintegration_visits`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_visits_update` AFTER UPDATE ON `reintegration_visits`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_visits_delete` AFTER DELETE ON `reintegration_visits`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_vocational_rehab_insert` AFTER INSERT ON `vocational_rehab`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_vocational_rehab_update` AFTER UPDATE ON `vocational_rehab`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT NEW.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE OLD.`child_id` IS NOT NEW.`child_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_vocational_rehab_delete` AFTER DELETE ON `vocational_rehab`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT OLD.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) WHERE true ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_interventions_insert` AFTER INSERT ON `rehab_interventions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_interventions_update` AFTER UPDATE ON `rehab_interventions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` AND OLD.`plan_id` IS NOT NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_interventions_delete` AFTER DELETE ON `rehab_interventions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plan_decisions_insert` AFTER INSERT ON `rehab_plan_decisions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plan_decisions_update` AFTER UPDATE ON `rehab_plan_decisions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` AND OLD.`plan_id` IS NOT NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plan_decisions_delete` AFTER DELETE ON `rehab_plan_decisions`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plan_therapists_insert` AFTER INSERT ON `rehab_plan_therapists`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plan_therapists_update` AFTER UPDATE ON `rehab_plan_therapists`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` AND OLD.`plan_id` IS NOT NEW.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_plan_therapists_delete` AFTER DELETE ON `rehab_plan_therapists`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_plans` p WHERE p.`id` = OLD.`plan_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_session_goals_insert` AFTER INSERT ON `rehab_session_goals`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_sessions` p WHERE p.`id` = NEW.`session_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_session_goals_update` AFTER UPDATE ON `rehab_session_goals`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_sessions` p WHERE p.`id` = NEW.`session_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_sessions` p WHERE p.`id` = OLD.`session_id` AND OLD.`session_id` IS NOT NEW.`session_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_rehab_session_goals_delete` AFTER DELETE ON `rehab_session_goals`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `rehab_sessions` p WHERE p.`id` = OLD.`session_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_assessment_scores_insert` AFTER INSERT ON `reintegration_assessment_scores`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `reintegration_assessments` p WHERE p.`id` = NEW.`assessment_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_assessment_scores_update` AFTER UPDATE ON `reintegration_assessment_scores`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `reintegration_assessments` p WHERE p.`id` = NEW.`assessment_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `reintegration_assessments` p WHERE p.`id` = OLD.`assessment_id` AND OLD.`assessment_id` IS NOT NEW.`assessment_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `child_version_reintegration_assessment_scores_delete` AFTER DELETE ON `reintegration_assessment_scores`
BEGIN
  INSERT INTO `child_versions` (`child_id`, `version`) SELECT p.`child_id`, (SELECT coalesce(max(`version`), 0) + 1 FROM `child_versions`) FROM `reintegration_assessments` p WHERE p.`id` = OLD.`assessment_id` ON CONFLICT(`child_id`) DO UPDATE SET `version` = excluded.`version`;
END;
