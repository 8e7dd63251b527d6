import { ActionIcon, Badge, Button, Group, Select, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { CASELOAD_ROLES, type CaseloadRole, type CaseloadRow } from '../../../shared/contract/caseload';
import { useChanges } from '../../api/changes';
import { ApiError, call } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormModal } from '../../components/FormModal';
import { useCan } from '../../app/permissions';
import { useT } from '../../i18n';

/**
 * Who looks after the child (我的儿童, issue 18.9): the caseworker, therapist and placement officer
 * assigned; an administrator or supervisor assigns and ends assignments here.
 */
export function CaseloadCard({ childId }: { childId: number }) {
  const t = useT();
  const canAssign = useCan('caseload.assign');
  const [rows, setRows] = useState<CaseloadRow[] | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<CaseloadRow | null>(null);
  const load = useCallback(() => {
    call('caseload:list', { childId })
      .then(setRows)
      .catch(() => setRows([]));
  }, [childId]);
  useEffect(load, [load]);
  useChanges((event) => {
    if (!event.mine && (event.channel.startsWith('caseload:') || event.channel === '*')) load();
  });
  if (rows === null) return null;
  return (
    <Group gap="xs" data-testid="caseload-card" className="no-print">
      <Text size="sm" c="dimmed">
        {t('conflict.caseload.title')}{t('read.colon')}
      </Text>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('conflict.caseload.nobody')}
        </Text>
      )}
      {rows.map((r) => (
        <Badge
          key={r.id}
          variant="light"
          size="lg"
          rightSection={
            canAssign ? (
              <Tooltip label={t('conflict.caseload.end')}>
                <ActionIcon size="xs" variant="transparent" aria-label={`${t('conflict.caseload.end')} ${r.userName}`} onClick={() => setEnding(r)}>
                  <IconX size={12} />
                </ActionIcon>
              </Tooltip>
            ) : null
          }
        >
          {t(`conflict.caseload.roles.${r.role}`)} · {r.userName}
        </Badge>
      ))}
      {canAssign && (
        <Button size="compact-sm" variant="subtle" leftSection={<IconUserPlus size={14} />} onClick={() => setAssigning(true)}>
          {t('conflict.caseload.assign')}
        </Button>
      )}
      {assigning && (
        <AssignModal
          childId={childId}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            load();
          }}
        />
      )}
      {ending && (
        <ConfirmModal
          opened
          title={t('conflict.caseload.end')}
          message={t('conflict.caseload.endConfirm', { name: ending.userName })}
          confirmLabel={t('conflict.caseload.end')}
          onClose={() => setEnding(null)}
          onConfirm={async () => {
            await call('caseload:end', { id: ending.id });
            notifications.show({ color: 'teal', message: t('conflict.caseload.ended') });
            setEnding(null);
            load();
          }}
        />
      )}
    </Group>
  );
}

function AssignModal({ childId, onClose, onDone }: { childId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [people, setPeople] = useState<{ id: number; name: string; roles: CaseloadRole[] }[]>([]);
  const [role, setRole] = useState<CaseloadRole>('caseworker');
  const [userId, setUserId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('caseload:people', null)
      .then(setPeople)
      .catch(() => setPeople([]));
  }, []);
  const candidates = people.filter((p) => p.roles.includes(role));
  const save = async () => {
    if (!userId) {
      setError(t('conflict.caseload.pickPerson'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('caseload:assign', { childId, userId: Number(userId), role });
      notifications.show({ color: 'teal', message: t('conflict.caseload.assigned') });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('conflict.caseload.assign')}
      size="sm"
      onSubmit={(e) => {
        e?.preventDefault();
        void save();
      }}
      busy={busy}
      formError={null}
      submitLabel={t('conflict.caseload.assign')}
      testId="caseload-assign-dialog"
    >
      <Select
        label={t('conflict.caseload.role')}
        data={CASELOAD_ROLES.map((r) => ({ value: r, label: t(`conflict.caseload.roles.${r}`) }))}
        value={role}
        allowDeselect={false}
        onChange={(v) => {
          setRole((v as CaseloadRole) ?? 'caseworker');
          setUserId(null);
        }}
      />
      <Select
        label={t('conflict.caseload.person')}
        withAsterisk
        searchable
        data={candidates.map((p) => ({ value: String(p.id), label: p.name }))}
        value={userId}
        onChange={setUserId}
        error={error}
        data-autofocus
      />
    </FormModal>
  );
}
