-- Mental-health instruments become a fixed list of codes (shared/domain/mental-health.ts): a name
-- stored the old way ("SDQ 长处和困难问卷", "phq9", "发育行为观察") becomes its code; a name that is
-- none of the list is kept as written. A check whose risk level differs from what the instrument's
-- cut-offs give keeps the reason; an assessment concluded against the rubric's threshold keeps its reason.
ALTER TABLE `mental_health_checks` ADD `risk_reason` text;
--> statement-breakpoint
ALTER TABLE `reintegration_assessments` ADD `threshold_reason` text;
--> statement-breakpoint
UPDATE `mental_health_checks` SET `instrument` = CASE upper(replace(replace(replace(replace(replace(replace(replace(replace(`instrument`, ' ', ''), '　', ''), '（', ''), '）', ''), '(', ''), ')', ''), '-', ''), '·', ''))
    WHEN 'SDQ' THEN 'SDQ' WHEN 'SDQ长处和困难问卷' THEN 'SDQ' WHEN '长处和困难问卷' THEN 'SDQ'
    WHEN 'PHQ9' THEN 'PHQ-9' WHEN 'PHQ9患者健康问卷抑郁' THEN 'PHQ-9' WHEN '患者健康问卷' THEN 'PHQ-9'
    WHEN 'GAD7' THEN 'GAD-7' WHEN 'GAD7广泛性焦虑量表' THEN 'GAD-7' WHEN '广泛性焦虑量表' THEN 'GAD-7'
    WHEN 'CDI' THEN 'CDI' WHEN 'CDI儿童抑郁量表' THEN 'CDI' WHEN '儿童抑郁量表' THEN 'CDI'
    WHEN 'SCARED' THEN 'SCARED' WHEN 'SCARED儿童焦虑性情绪障碍筛查表' THEN 'SCARED' WHEN '儿童焦虑性情绪障碍筛查表' THEN 'SCARED'
    WHEN 'SCL90' THEN 'SCL-90' WHEN 'SCL90症状自评量表' THEN 'SCL-90' WHEN '症状自评量表' THEN 'SCL-90'
    WHEN 'OBSERVATION' THEN 'OBSERVATION' WHEN '发育行为观察无量表' THEN 'OBSERVATION' WHEN '发育行为观察' THEN 'OBSERVATION' WHEN '行为观察' THEN 'OBSERVATION'
    ELSE `instrument` END
  WHERE `instrument` IS NOT NULL;
