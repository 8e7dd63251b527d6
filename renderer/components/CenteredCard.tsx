import { Box, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';
import { useT } from '../i18n';

/** The frame of the pages shown before sign-in: set-up, unlock, login. */
export function CenteredCard({ title, children, width = 460 }: { title: string; children: ReactNode; width?: number }) {
  const t = useT();
  return (
    <Box mih="100vh" bg="gray.0" p="md">
      <Group justify="space-between" mb="xl">
        <Text fw={700} c="teal.8" size="lg">
          {t('app.fullName')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Center>
        <Card withBorder shadow="sm" padding="xl" radius="md" w={width} maw="100%">
          <Stack gap="md">
            <Title order={2}>{title}</Title>
            {children}
          </Stack>
        </Card>
      </Center>
    </Box>
  );
}
