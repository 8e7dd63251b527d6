import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { idleLockMinutesSchema } from '../../../shared/contract/settings';
import type { ConflictDetails } from '../../../shared/contract/versions';
import { call } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { ConflictView } from '../../components/ConflictView';
import { singleFieldError } from '../../components/form-errors';
import { staleDetails } from '../../components/stale-action';
import { useT } from '../../i18n';

/** The idle-lock time (issue #7): an administrator sets how many idle minutes lock the screen. */
export function IdleLockSetting() {
  const t = useT();
  const { refresh } = useAppState();
  const [value, setValue] = useState<number | string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The setting's version as read (issue 19.4): a change made meanwhile at another desk is not overwritten.
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [conflict, setConflict] = useState<ConflictDetails | null>(null);

  useEffect(() => {
    let live = true;
    call('settings:idleLock', {})
      .then((r) => {
        if (!live) return;
        setValue(r.minutes);
        setVersion(r.version ?? 0);
      })
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
    if (version === undefined) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await call('settings:idleLock', { minutes: parsed.data, expectedVersion: version });
      setValue(saved.minutes);
      setVersion(saved.version ?? version + 1);
      setConflict(null);
      notifications.show({ color: 'teal', message: t('admin.security.saved', { minutes: String(saved.minutes) }) });
      await refresh();
    } catch (e) {
      const stale = staleDetails(e);
      if (stale) setConflict(stale);
      else setError(singleFieldError(e));
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
          <Button type="submit" loading={busy} disabled={version === undefined} mt={25}>
            {t('admin.security.save')}
          </Button>
        </Group>
        {conflict && (
          <ConflictView
            details={conflict}
            yours={() => value}
            onReapply={() => {
              // Seen theirs beside what was typed: the next save is on the latest version.
              setVersion(conflict.currentVersion);
              setConflict(null);
            }}
          />
        )}
      </form>
    </Card>
  );
}
