import { Alert, Button, Group, List, Menu, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconChevronDown, IconDoorExit, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type ChildStatus,
  DISCHARGE_REASONS,
  type DischargeReason,
  childDischargeSchema,
  childRestoreSchema,
  dischargeDateProblem,
} from '../../../shared/contract/children';
import { toIsoDate } from '../../../shared/domain/dates';
import { call } from '../../api/client';
import { useVersions, versionIn } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { GuardedModal } from '../../components/GuardedModal';
import { applyServiceError, zodValidate } from '../../components/form-errors';
import { staleDetails, staleMessage } from '../../components/stale-action';
import { useT } from '../../i18n';

export type DischargeMenuChild = { id: number; status: ChildStatus; admissionDate: string | null; birthDate: string };

/**
 * The particulars' version as the page read them when the dialog opened (issue 19.4), and what to do when
 * the step is refused as stale: the dialog says who changed the child and when, keeps what was typed, and
 * the page refreshes; confirming again then acts on what the person now sees.
 */
type ReadAt = { version: number; onStale: (error: unknown) => string | null };

type DischargeValues = { date: string | null; reason: DischargeReason | null; note: string };

function DischargeModal({ child, opened, onClose, onDone, readAt }: { child: DischargeMenuChild; opened: boolean; onClose: () => void; onDone: () => void; readAt: ReadAt }) {
  const t = useT();
  const today = toIsoDate(new Date());
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DischargeValues>({
    mode: 'controlled',
    initialValues: { date: today, reason: null, note: '' },
    validate: (values) => {
      const errors = zodValidate(childDischargeSchema)({ childId: child.id, date: values.date ?? '', reason: values.reason, note: values.note });
      const dateError = values.date ? dischargeDateProblem(child, values.date, today) : null;
      if (dateError && !errors.date) errors.date = dateError;
      return errors;
    },
  });
  const close = () => {
    setStep('form');
    setFormError(null);
    form.reset();
    onClose();
  };
  const submit = async (values: DischargeValues) => {
    if (values.date === null || values.reason === null) {
      setStep('form');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const result = await call('children:discharge', { childId: child.id, date: values.date, reason: values.reason, note: values.note, expectedVersion: readAt.version });
      const ended = result.endedPlacement;
      notifications.show({
        color: 'teal',
        title: t('registry.status.discharged'),
        message: ended ? t('registry.status.endedPlacement', { kind: t(`registry.values.placement.${ended.kind}`), from: ended.from, to: ended.to }) : undefined,
      });
      form.reset();
      setStep('form');
      onDone();
    } catch (error) {
      // Back to the form, with the service's message next to its field; what was typed stays.
      setStep('form');
      setFormError(readAt.onStale(error) ?? applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  };
  const values = form.getValues();
  return (
    <GuardedModal opened={opened} onClose={close} title={t('registry.status.dischargeTitle')} testId="discharge-dialog" dirty={step === 'confirm'}>
      {({ requestClose, asking }) =>
        step === 'form' ? (
          <form onSubmit={form.onSubmit(() => setStep('confirm'))} noValidate>
            <Stack gap="sm">
              <DateField
                label={t('registry.status.date')}
                description={t('registry.status.dateHint')}
                withAsterisk
                data-autofocus
                {...form.getInputProps('date')}
              />
              <Select
                label={t('registry.status.reason')}
                withAsterisk
                data={DISCHARGE_REASONS.map((r) => ({ value: r, label: t(`registry.reasons.${r}`) }))}
                allowDeselect={false}
                {...form.getInputProps('reason')}
              />
              <Textarea label={t('registry.status.note')} placeholder={t('registry.status.notePlaceholder')} autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
              {formError && (
                <Alert color="red" role="alert">
                  {formError}
                </Alert>
              )}
              {!asking && (
                <Group justify="flex-end">
                  <Button variant="default" onClick={requestClose}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit">{t('registry.status.review')}</Button>
                </Group>
              )}
            </Stack>
          </form>
        ) : (
          <Stack gap="sm">
            <Alert color="orange" title={t('registry.status.confirmTitle')}>
              <List size="sm" spacing={4}>
                <List.Item>{t('registry.status.confirmBody', { date: values.date ?? '', reason: values.reason ? t(`registry.reasons.${values.reason}`) : '' })}</List.Item>
                <List.Item>{t('registry.status.confirmPlacement')}</List.Item>
                <List.Item>{t('registry.status.confirmReversible')}</List.Item>
              </List>
            </Alert>
            {!asking && (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setStep('form')}>
                  {t('registry.status.back')}
                </Button>
                <Button color="orange" loading={busy} onClick={() => void submit(form.getValues())} data-autofocus>
                  {t('registry.status.confirm')}
                </Button>
              </Group>
            )}
          </Stack>
        )
      }
    </GuardedModal>
  );
}

function ArchiveModal({ child, opened, onClose, onDone, readAt }: { child: DischargeMenuChild; opened: boolean; onClose: () => void; onDone: () => void; readAt: ReadAt }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const archive = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('children:archive', { childId: child.id, expectedVersion: readAt.version });
      notifications.show({ color: 'teal', message: t('registry.status.archived') });
      onDone();
    } catch (e) {
      setError(readAt.onStale(e) ?? (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('registry.status.archiveTitle')} size="md">
      <Stack gap="sm">
        <Text size="sm">{t('registry.status.archiveBody')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="gray" loading={busy} onClick={() => void archive()} data-autofocus>
            {t('registry.status.archiveConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RestoreModal({ child, opened, onClose, onDone, readAt }: { child: DischargeMenuChild; opened: boolean; onClose: () => void; onDone: () => void; readAt: ReadAt }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ reason: string }>({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: (values) => zodValidate(childRestoreSchema)({ childId: child.id, reason: values.reason }),
  });
  const restore = async (values: { reason: string }) => {
    setBusy(true);
    setFormError(null);
    try {
      await call('children:restore', { childId: child.id, reason: values.reason, expectedVersion: readAt.version });
      notifications.show({ color: 'teal', message: t('registry.status.restored') });
      form.reset();
      onDone();
    } catch (error) {
      setFormError(readAt.onStale(error) ?? applyServiceError(error, form.setFieldError));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal
      opened={opened}
      onClose={() => {
        form.reset();
        setFormError(null);
        onClose();
      }}
      title={t('registry.status.restoreTitle')}
      size="md"
      onSubmit={form.onSubmit((values) => void restore(values))}
      busy={busy}
      formError={formError}
      submitLabel={t('registry.status.restoreConfirm')}
      testId="restore-dialog"
    >
      <Text size="sm">{t('registry.status.restoreBody')}</Text>
      <Textarea label={t('registry.status.restoreReason')} withAsterisk autosize minRows={2} maxLength={200} data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}

/**
 * Discharge, archive and restore for the child page's header: the actions the child's status allows
 * and the person's roles permit (nothing at all when none), each behind a form or a confirmation.
 */
export function DischargeMenu({ child, onChanged }: { child: DischargeMenuChild; onChanged: () => void }) {
  const t = useT();
  const canDischarge = useCan('children.discharge');
  const canRestore = useCan('children.restore');
  const [open, setOpenKind] = useState<'discharge' | 'archive' | 'restore' | null>(null);
  const versions = useVersions();
  const [version, setVersion] = useState(0);
  const setOpen = (kind: 'discharge' | 'archive' | 'restore' | null) => {
    // Each dialog acts at the version of the read the page shows as it opens.
    if (kind) setVersion(versionIn(versions, 'child', child.id));
    setOpenKind(kind);
  };
  const readAt: ReadAt = {
    version,
    onStale: (error) => {
      const details = staleDetails(error);
      if (!details) return null;
      // Seen and said: the page refreshes, and confirming again acts on the version now shown.
      setVersion(details.currentVersion);
      onChanged();
      return staleMessage(details, t);
    },
  };
  const actions = {
    discharge: canDischarge && child.status === 'inCare',
    archive: canDischarge && child.status === 'discharged',
    restore: canRestore && child.status !== 'inCare',
  };
  const any = actions.discharge || actions.archive || actions.restore;
  if (!any && open === null) return null;
  const done = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <>
      {any && (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} className="no-print">
            {t('registry.status.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {actions.discharge && (
            <Menu.Item leftSection={<IconDoorExit size={16} />} onClick={() => setOpen('discharge')}>
              {t('registry.status.discharge')}
            </Menu.Item>
          )}
          {actions.archive && (
            <Menu.Item leftSection={<IconArchive size={16} />} onClick={() => setOpen('archive')}>
              {t('registry.status.archive')}
            </Menu.Item>
          )}
          {actions.restore && (
            <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => setOpen('restore')}>
              {t('registry.status.restore')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      )}
      {/* An open dialog stays while the page refreshes under it (a stale step is explained in it). */}
      {(actions.discharge || open === 'discharge') && <DischargeModal child={child} opened={open === 'discharge'} onClose={() => setOpen(null)} onDone={done} readAt={readAt} />}
      {(actions.archive || open === 'archive') && <ArchiveModal child={child} opened={open === 'archive'} onClose={() => setOpen(null)} onDone={done} readAt={readAt} />}
      {(actions.restore || open === 'restore') && <RestoreModal child={child} opened={open === 'restore'} onClose={() => setOpen(null)} onDone={done} readAt={readAt} />}
    </>
  );
}
