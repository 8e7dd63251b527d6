import { Alert, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconSchool } from '@tabler/icons-react';
import type { Evaluation } from '../../../shared/domain/rules-types';
import { ClauseRef } from '../../components/ClauseRef';
import { useT } from '../../i18n';

/**
 * The round-2 outputs beyond the benefit lines (issue 16): 三(八) 控辍保学 for a child of compulsory-school
 * age with no school, and 一(二)'s raised 低保 level — each with its clause and the rules' reason.
 */
export function PolicyNotices({ ev }: { ev: Evaluation }) {
  const t = useT();
  if (!ev.compulsorySchooling.flagged && !ev.minimumLivingRaisedLevel.due) return null;
  return (
    <Stack gap="xs" data-testid="policy-notices">
      {ev.compulsorySchooling.flagged && (
        <Alert color="orange" icon={<IconSchool size={18} />} title={t('rules.notices.compulsorySchooling')} data-testid="notice-compulsory-schooling">
          <Group gap={6} wrap="nowrap" align="flex-start">
            <div style={{ flexShrink: 0 }}>
              <ClauseRef id={ev.compulsorySchooling.clause} />
            </div>
            <Text size="sm">{ev.compulsorySchooling.reason}</Text>
          </Group>
        </Alert>
      )}
      {ev.minimumLivingRaisedLevel.due && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title={t('rules.notices.raisedLevel')} data-testid="notice-raised-level">
          <Group gap={6} wrap="nowrap" align="flex-start">
            <div style={{ flexShrink: 0 }}>
              <ClauseRef id={ev.minimumLivingRaisedLevel.clause} />
            </div>
            <Text size="sm">{ev.minimumLivingRaisedLevel.reason}</Text>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
