import { Anchor, Badge, Group } from '@mantine/core';
import { IconWalk } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaseStage } from '../../../shared/domain/reintegration';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';
import { STAGE_COLOR } from './labels';

/** On a child's page: the link to the child's reintegration case, with its stage (nothing when there is none). */
export function CaseLink({ childId }: { childId: number }) {
  const t = useT();
  const canRead = useCan('reintegration.read');
  const [found, setFound] = useState<{ caseId: number; stage: CaseStage } | null>(null);
  useEffect(() => {
    if (!canRead) return;
    let cancelled = false;
    call('reintegration:caseOfChild', { childId })
      .then((r) => {
        if (!cancelled) setFound(r.caseId !== null && r.stage !== null ? { caseId: r.caseId, stage: r.stage } : null);
      })
      .catch(() => setFound(null));
    return () => {
      cancelled = true;
    };
  }, [canRead, childId]);
  if (!found) return null;
  return (
    <Anchor component={Link} to={`/reintegration/${found.caseId}`} size="sm" className="no-print" data-testid="child-reintegration-link">
      <Group gap={4}>
        <IconWalk size={14} />
        {t('reintegration.case.fromChild')}
        <Badge size="sm" variant="light" color={STAGE_COLOR[found.stage]}>
          {t(`reintegration.stages.${found.stage}`)}
        </Badge>
      </Group>
    </Anchor>
  );
}
