import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { idleLockMinutesSchema } from '../../../shared/contract/settings';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { singleFieldError } from '../../components/form-errors';
import { useT } from '../../i18n';

/** The idle-lock time (issue #7): an administrator sets how many idle minutes lock the screen. */
export function IdleLockSetting() {
  const t = useT();
  const { refresh } = useAppState();
  const [value, setValue] = useState<number | string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('settings:idleLock', {})
      .then((r) => live && setValue(r.minutes))
      .catch((e: unknown) => live && setError(singleFieldError(e)));
    return () => {
      live = false;
    };
  }, []);

  const save = async () => {
    const parsed = idleLockMinutesSchema.safeParse(typeof value === 'number' ? value : Number.NaN);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call('settings:idleLock', { minutes: parsed.data });
      setValue(saved.minutes);
      notifications.show({ color: 'teal', message: t('admin.security.saved', { minutes: String(saved.minutes) }) });
      await refresh();
    } catch (e) {
      setError(singleFieldError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" mt="md">
      <Title order={3} mb="xs">
        {t('admin.security.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.security.hint')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Group align="flex-start" gap="sm">
          <NumberInput
            label={t('admin.security.minutes')}
            min={1}
            max={120}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            value={value}
            onChange={(v) => {
              setValue(v);
              setError(null);
            }}
            error={error}
            w={220}
          />
          <Button type="submit" loading={busy} mt={25}>
            {t('admin.security.save')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
