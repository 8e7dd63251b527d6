-- Decisions recorded before cases and approval existed were entered as final decisions: they keep
-- their effect, as approved by whoever recorded them, when they were recorded.
UPDATE `reintegration_assessments` SET `approved_at` = `created_at`, `approved_by` = `created_by` WHERE `approved_at` IS NULL;
