import { ActionIcon, Alert, Badge, Button, Card, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { type CutoffSaveInput, type InstrumentConfig, cutoffSaveSchema } from '../../../shared/contract/rehab';
import { toIsoDate } from '../../../shared/domain/dates';
import { INSTRUMENTS, type InstrumentCode } from '../../../shared/domain/rehab';
import { call } from '../../api/client';
import { useCan } from '../../app/permissions';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useI18n, useT } from '../../i18n';

const LEVEL_COLOR = { low: 'teal', medium: 'orange', high: 'red' } as const;

/** The measures' cut-offs: every version per instrument; supervisors add a version from a date. */
export function CutoffsPanel() {
  const t = useT();
  const { locale } = useI18n();
  const canEdit = useCan('rehab.approve');
  const [rows, setRows] = useState<InstrumentConfig[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<InstrumentConfig | null>(null);
  const reload = useCallback(() => {
    call('rehab:cutoffs', null)
      .then(setRows)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!rows) return <Loader />;
  const instruments = [...new Set(rows.map((r) => r.instrument))];
  const name = (code: InstrumentCode) => (locale === 'en' ? INSTRUMENTS[code].en : INSTRUMENTS[code].zh);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('rehab.cutoffs.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {instruments.map((code) => {
          const versions = rows.filter((r) => r.instrument === code);
          return (
            <Card key={code} withBorder data-testid={`cutoffs-${code}`}>
              <Group justify="space-between" mb="xs">
                <Text fw={700}>{name(code)}</Text>
                {canEdit && (
                  <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(versions[0]!)}>
                    {t('rehab.cutoffs.add')}
                  </Button>
                )}
              </Group>
              {versions.map((v, i) => (
                <Stack key={v.version} gap={4} mb="sm" opacity={i === 0 ? 1 : 0.6}>
                  <Text size="sm" fw={600}>
                    {t('rehab.cutoffs.version', { n: v.version })} · {t('rehab.cutoffs.effectiveFrom')} {v.effectiveFrom}
                    {v.note && (
                      <Text span size="xs" c="dimmed" ml="xs">
                        {v.note}
                      </Text>
                    )}
                  </Text>
                  <Table withTableBorder>
                    <Table.Tbody>
                      {v.bands.map((b) => (
                        <Table.Tr key={`${b.min}-${b.max}`}>
                          <Table.Td w={120}>
                            {b.min} – {b.max}
                          </Table.Td>
                          <Table.Td>{b.label}</Table.Td>
                          <Table.Td w={70}>
                            <Badge color={LEVEL_COLOR[b.level]} variant="light">
                              {t(`rehab.cutoffs.levels.${b.level}`)}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Stack>
              ))}
            </Card>
          );
        })}
      </SimpleGrid>
      {adding && <CutoffForm from={adding} onClose={() => setAdding(null)} onDone={reload} />}
    </Stack>
  );
}

type Band = { min: number | string; max: number | string; label: string; level: string };
type Values = { effectiveFrom: string | null; bands: Band[]; note: string };

function CutoffForm({ from, onClose, onDone }: { from: InstrumentConfig; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'rehab:saveCutoffs',
    initialValues: { effectiveFrom: toIsoDate(new Date()), bands: from.bands.map((b) => ({ ...b })), note: '' } as Values,
    schema: cutoffSaveSchema,
    toInput: (v): CutoffSaveInput => ({
      instrument: from.instrument,
      effectiveFrom: v.effectiveFrom ?? '',
      field: from.field,
      bands: v.bands.map((b) => ({ min: b.min === '' ? Number.NaN : Number(b.min), max: b.max === '' ? Number.NaN : Number(b.max), label: b.label, level: b.level as 'low' })),
      note: v.note,
    }),
    savedMessage: t('rehab.cutoffs.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const v = form.getValues();
  return (
    <FormModal opened onClose={onClose} title={t('rehab.cutoffs.addTitle', { instrument: INSTRUMENTS[from.instrument].zh })} onSubmit={onSubmit} busy={busy} formError={formError} testId="cutoff-form">
      <SimpleGrid cols={2}>
        <DateField label={t('rehab.cutoffs.effectiveFrom')} withAsterisk clearable={false} {...form.getInputProps('effectiveFrom')} />
        <TextInput label={t('rehab.cutoffs.note')} {...form.getInputProps('note')} />
      </SimpleGrid>
      {form.errors.bands && <Text size="sm" c="red">{form.errors.bands}</Text>}
      {v.bands.map((_, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <NumberInput label={t('rehab.cutoffs.bandMin')} w={90} step={0.5} {...form.getInputProps(`bands.${i}.min`)} />
          <NumberInput label={t('rehab.cutoffs.bandMax')} w={90} step={0.5} {...form.getInputProps(`bands.${i}.max`)} />
          <TextInput label={t('rehab.cutoffs.bandLabel')} style={{ flex: 1 }} {...form.getInputProps(`bands.${i}.label`)} />
          <Select
            label={t('rehab.cutoffs.bandLevel')}
            w={90}
            allowDeselect={false}
            data={(['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: t(`rehab.cutoffs.levels.${l}`) }))}
            {...form.getInputProps(`bands.${i}.level`)}
          />
          <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('rehab.interventions.remove')} onClick={() => form.removeListItem('bands', i)} disabled={v.bands.length === 1}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('bands', { min: '', max: '', label: '', level: 'medium' })}>
          {t('rehab.cutoffs.addBand')}
        </Button>
      </Group>
    </FormModal>
  );
}
