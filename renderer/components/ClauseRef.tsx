import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { CLAUSES, POLICY_DOCUMENT } from '../../shared/domain/clauses';
import type { ClauseId } from '../../shared/domain/rules-types';

/**
 * A clause id (一(四)) that shows the policy's own sentence on hover or keyboard focus, so every
 * decision can be checked against the text it rests on.
 */
export function ClauseRef({ id }: { id: ClauseId }) {
  const clause = CLAUSES[id];
  return (
    <Tooltip
      multiline
      w={460}
      withArrow
      openDelay={150}
      events={{ hover: true, focus: true, touch: true }}
      label={
        <Stack gap={4}>
          <Text size="xs" fw={700}>
            {POLICY_DOCUMENT.id} {id} {clause.title}
          </Text>
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {clause.text}
          </Text>
        </Stack>
      }
    >
      <Badge
        variant="outline"
        color="indigo"
        radius="sm"
        tabIndex={0}
        // Never cut to "一(…": the badge keeps its full width wherever it sits (table cells, wrapped rows).
        styles={{ root: { cursor: 'help', textTransform: 'none', flexShrink: 0, minWidth: 'max-content', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}
        data-testid="clause-ref"
        aria-label={`${id} ${clause.title}`}
      >
        {id}
      </Badge>
    </Tooltip>
  );
}
