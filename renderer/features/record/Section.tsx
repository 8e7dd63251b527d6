import { Card, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One part of a record tab: a title, an optional line under it, its primary action, and its content. */
export function Section({ title, hint, action, children, testId }: { title: string; hint?: ReactNode; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={4}>{title}</Title>
          {hint && (
            <Text size="xs" c="dimmed" mt={2}>
              {hint}
            </Text>
          )}
        </div>
        {action}
      </Group>
      {children}
    </Card>
  );
}
