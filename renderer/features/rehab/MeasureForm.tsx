import { Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { type MeasureAddInput, measureAddSchema } from '../../../shared/contract/rehab';
import { toIsoDate } from '../../../shared/domain/dates';
import { GMFM88_ITEMS_ZH, gmfm88Partial } from '../../../shared/domain/gmfm88-items';
import { GMFM88_DIMENSIONS, GMFM88_ITEM_COUNT, INSTRUMENTS, INSTRUMENT_CODES, type InstrumentCode } from '../../../shared/domain/rehab';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useServiceForm } from '../../components/use-service-form';
import { useI18n, useT } from '../../i18n';

type Values = { instrument: string; administeredOn: string | null; assessor: string; items: string[]; scores: Record<string, number | string>; note: string };

const itemValue = (s: string): number | null => (s.trim() === '' ? null : /^[0-3]$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/**
 * Recording a measure. GMFM-88: the 88 items in their five dimensions, a digit each (empty = not
 * tested), with the percentages computed as typed. Other instruments: their result fields, each with
 * the instrument's own range.
 */
export function MeasureForm({ childId, onClose, onDone }: { childId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'rehab:addMeasure',
    initialValues: { instrument: 'GMFM88', administeredOn: toIsoDate(new Date()), assessor: '', items: Array<string>(GMFM88_ITEM_COUNT).fill(''), scores: {}, note: '' } as Values,
    schema: measureAddSchema,
    toInput: (v): MeasureAddInput => {
      const code = v.instrument as InstrumentCode;
      const computed = INSTRUMENTS[code].mode === 'computed';
      return {
        childId,
        instrument: code,
        administeredOn: v.administeredOn ?? '',
        assessor: v.assessor,
        items: computed ? v.items.map(itemValue) : null,
        scores: computed ? null : Object.fromEntries(INSTRUMENTS[code].fields.map((f) => [f.key, v.scores[f.key] === '' || v.scores[f.key] === undefined ? null : Number(v.scores[f.key])])),
        note: v.note,
      };
    },
    extraValidate: (v: Values) => {
      const errors: Record<string, string | null> = {};
      if (INSTRUMENTS[v.instrument as InstrumentCode].mode === 'computed') {
        v.items.forEach((s, i) => Number.isNaN(itemValue(s)) && (errors[`items.${i}`] = t('forms.gmfm.itemError', { n: i + 1, text: GMFM88_ITEMS_ZH[i] ?? '', value: s })));
      }
      return errors;
    },
    savedMessage: t('rehab.measures.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });
  const v = form.getValues();
  const def = INSTRUMENTS[v.instrument as InstrumentCode];
  const name = (d: { zh: string; en: string }) => (locale === 'en' ? d.en : d.zh);
  const parsed = v.items.map(itemValue);
  // Each dimension's percentage shows while its own items are valid; a mistake blanks only its dimension (and the total).
  const preview = def.mode === 'computed' ? gmfm88Partial(parsed.map((x) => (x === null ? null : x))) : null;
  let start = 0;
  return (
    <FormModal opened onClose={onClose} title={t('rehab.measures.add')} onSubmit={onSubmit} busy={busy} formError={formError} testId="measure-form" size="70rem">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('rehab.measures.instrument')}
          withAsterisk
          allowDeselect={false}
          data={INSTRUMENT_CODES.map((c) => ({ value: c, label: name(INSTRUMENTS[c]) }))}
          {...form.getInputProps('instrument')}
        />
        <DateField label={t('rehab.measures.administeredOn')} withAsterisk clearable={false} maxDate={new Date()} {...form.getInputProps('administeredOn')} />
        <TextInput label={t('rehab.measures.assessor')} {...form.getInputProps('assessor')} />
      </SimpleGrid>
      {def.mode === 'computed' ? (
        <Stack gap="xs" data-testid="gmfm-items">
          <Text size="xs" c="dimmed">
            {t('rehab.measures.gmfmHint')} {t('rehab.measures.itemsFilled', { n: parsed.filter((x) => x !== null).length })}
          </Text>
          {form.errors.items && <Text size="xs" c="red">{form.errors.items}</Text>}
          {preview && preview.invalid.length > 0 && (
            <Text size="sm" c="red" role="alert" data-testid="gmfm-invalid">
              {preview.invalid.map((n) => t('forms.gmfm.itemError', { n, text: GMFM88_ITEMS_ZH[n - 1] ?? '', value: v.items[n - 1] })).join('；')}
            </Text>
          )}
          {GMFM88_DIMENSIONS.map((d) => {
            const first = start;
            start += d.items;
            return (
              <Stack key={d.key} gap={2}>
                <Group justify="space-between">
                  <Text size="sm" fw={600}>
                    {t('rehab.measures.dimension', { key: d.key, name: name(d) })}
                  </Text>
                  {preview && (
                    <Text size="sm" c={preview.dimensions[d.key] === null ? 'red' : 'teal'} fw={600} data-testid={`gmfm-dim-${d.key}`}>
                      {preview.dimensions[d.key] === null ? t('forms.gmfm.dimensionBlocked') : `${preview.dimensions[d.key]!.toFixed(1)}%`}
                    </Text>
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={6} verticalSpacing={2}>
                  {Array.from({ length: d.items }, (_, k) => first + k).map((i) => {
                    const bad = Number.isNaN(parsed[i]) || Boolean(form.errors[`items.${i}`]);
                    return (
                      <Group key={i} gap={6} wrap="nowrap" align="center" data-testid={`gmfm-item-${i + 1}`} data-invalid={bad || undefined}>
                        <TextInput
                          w={40}
                          size="xs"
                          maxLength={1}
                          styles={{ input: { textAlign: 'center', padding: 0 } }}
                          aria-label={t('rehab.measures.item', { n: i + 1 })}
                          title={`${i + 1}. ${GMFM88_ITEMS_ZH[i] ?? ''}`}
                          placeholder={String(i + 1)}
                          {...form.getInputProps(`items.${i}`)}
                          error={bad || undefined}
                        />
                        <Text size="xs" c={bad ? 'red' : undefined} lh={1.25} style={{ flex: 1 }}>
                          {i + 1}. {GMFM88_ITEMS_ZH[i]}
                        </Text>
                      </Group>
                    );
                  })}
                </SimpleGrid>
              </Stack>
            );
          })}
          {preview && (
            <Text fw={700} data-testid="gmfm-total">
              {name(def.fields.find((f) => f.key === 'total')!)}{t('read.colon')}{preview.total === null ? t('forms.gmfm.totalBlocked') : `${preview.total.toFixed(1)}%`}
            </Text>
          )}
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {def.fields.map((f) => (
            <NumberInput
              key={`${def.code}-${f.key}`}
              label={name(f)}
              description={`${f.min}–${f.max}`}
              withAsterisk={f.required}
              min={f.min}
              max={f.max}
              step={f.step}
              decimalScale={f.step === 1 ? 0 : 1}
              clampBehavior="none"
              {...form.getInputProps(`scores.${f.key}`)}
              value={v.scores[f.key] ?? ''}
            />
          ))}
        </SimpleGrid>
      )}
      <Textarea label={t('rehab.measures.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}
