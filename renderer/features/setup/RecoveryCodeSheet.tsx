import { Alert, Box, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n';
import classes from './RecoveryCodeSheet.module.css';

type Props = {
  code: string;
  institutionName: string | null;
  /** Called with the group asked for (1–5) and what was typed; throws (or returns an error message) when it does not match. */
  onConfirm: (group: number, value: string) => Promise<string | null>;
  onPrint: () => void;
  confirmLabel?: string;
};

/**
 * The recovery code, whole: five groups that wrap (never a scroll bar) at any width from 1024 px, a
 * print sheet on one A4 page with the institution, the date and the code's short id, and the
 * confirmation that asks for one group chosen at random.
 */
export function RecoveryCodeSheet({ code, institutionName, onConfirm, onPrint, confirmLabel }: Props) {
  const t = useT();
  const groups = code.split('-');
  const [asked] = useState(() => 1 + Math.floor(Math.random() * groups.length));
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = new Date().toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const problem = await onConfirm(asked, typed.trim().toUpperCase());
      if (problem) setError(problem);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <Alert color="orange" className="no-print">
        {t('safe.code.intro')}
      </Alert>
      <Paper withBorder p="lg" className={classes.sheet} data-testid="recovery-sheet">
        <Stack gap="sm">
          <Title order={3} className={classes.printOnly}>
            {t('safe.code.sheetTitle')}
          </Title>
          <Group gap="xl" wrap="wrap">
            <Text size="sm">
              {t('safe.code.institution')}{t('read.colon')}<b>{institutionName ?? '—'}</b>
            </Text>
            <Text size="sm">
              {t('safe.code.date')}{t('read.colon')}{today}
            </Text>
            <Text size="sm">
              {t('safe.code.shortId')}{t('read.colon')}<b data-testid="recovery-id">{groups[0]}</b>
            </Text>
          </Group>
          <Box className={classes.code} data-testid="recovery-code" aria-label={code}>
            {groups.map((group, i) => (
              <span key={i} className={classes.group}>
                {group}
              </span>
            ))}
          </Box>
          <Text size="sm" className={classes.printOnly}>
            {t('safe.code.sheetKeep')}
          </Text>
          <Text size="sm" className={classes.printOnly} mt="xl">
            {t('safe.code.sheetSigned')} ______________________
          </Text>
        </Stack>
      </Paper>
      <Group className="no-print">
        <Button variant="default" onClick={onPrint}>
          {t('safe.code.print')}
        </Button>
      </Group>
      <form
        className="no-print"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={1} spacing="sm">
          <TextInput
            label={t('safe.code.confirmLabel', { n: asked })}
            value={typed}
            error={error}
            maxLength={5}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              setError(null);
            }}
            autoFocus
            data-group={asked}
          />
          <Button type="submit" loading={busy} disabled={typed.trim().length === 0}>
            {confirmLabel ?? t('safe.code.done')}
          </Button>
        </SimpleGrid>
      </form>
    </Stack>
  );
}
