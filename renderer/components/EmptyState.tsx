import { Center, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Center py={60}>
      <Stack align="center" gap="xs">
        <ThemeIcon size={48} variant="light" color="gray" radius="xl">
          <IconInbox size={28} />
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        {hint && (
          <Text c="dimmed" size="sm">
            {hint}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}
