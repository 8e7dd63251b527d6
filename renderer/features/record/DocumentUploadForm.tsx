import { FileInput, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { DOCUMENT_KINDS, type DocumentAddInput, MAX_DOCUMENT_BYTES, documentAddSchema } from '../../../shared/contract/record';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { bytesToBase64, documentMime, fileProblem, formatBytes, titleFromFileName } from './record-format';
import { useServiceForm } from '../../components/use-service-form';

type Values = { file: File | null; kind: string | null; title: string; issuedOn: string | null; note: string };

/** Where an issue of the content or its type is shown: beside the file. */
function errorPath(path: string): string {
  return path === 'contentBase64' || path === 'mime' ? 'file' : path;
}

/**
 * Stores a scanned document inside the encrypted database. The file is checked here first (JPEG, PNG
 * or PDF, at most the contract's size) so a wrong file is refused with a message before it is sent.
 */
export function DocumentUploadForm({ childId, onClose, onDone }: { childId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [content, setContent] = useState<{ file: File; base64: string } | null>(null);
  const [reading, setReading] = useState(false);
  /** The title last taken from a file name: replaced when another file is chosen, unless the person typed their own. */
  const [autoTitle, setAutoTitle] = useState('');
  const problemMessage = (file: File | null) => {
    if (!file) return t('record.documents.problems.required');
    const problem = fileProblem(file);
    return problem ? t(`record.documents.problems.${problem}`, { max: formatBytes(MAX_DOCUMENT_BYTES) }) : null;
  };
  const { form, busy, formError, onSubmit } = useServiceForm({
    channel: 'record:addDocument',
    initialValues: { file: null, kind: null, title: '', issuedOn: null, note: '' } as Values,
    schema: documentAddSchema,
    toInput: (v): DocumentAddInput => ({
      childId,
      kind: (v.kind ?? '') as DocumentAddInput['kind'],
      title: v.title,
      mime: ((v.file && documentMime(v.file)) ?? '') as DocumentAddInput['mime'],
      contentBase64: content && content.file === v.file ? content.base64 : '',
      issuedOn: v.issuedOn,
      note: v.note,
    }),
    errorPath,
    extraValidate: (v) => ({
      file: problemMessage(v.file) ?? (reading ? t('record.documents.reading') : null),
      kind: v.kind === 'photo' && v.file && !documentMime(v.file)?.startsWith('image/') ? t('record.documents.problems.photoType') : null,
    }),
    savedMessage: t('record.documents.saved'),
    onSaved: () => {
      onClose();
      onDone();
    },
  });

  const choose = async (file: File | null) => {
    form.setFieldValue('file', file);
    setContent(null);
    if (!file) return;
    const title = form.getValues().title.trim();
    if (title === '' || title === autoTitle) {
      const next = titleFromFileName(file.name);
      form.setFieldValue('title', next);
      setAutoTitle(next);
    }
    const problem = problemMessage(file);
    if (problem) {
      form.setFieldError('file', problem);
      return;
    }
    form.clearFieldError('file');
    setReading(true);
    try {
      setContent({ file, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
    } finally {
      setReading(false);
    }
  };

  const file = form.getValues().file;
  return (
    <FormModal opened onClose={onClose} title={t('record.documents.add')} onSubmit={onSubmit} busy={busy || reading} formError={formError} testId="document-form">
      <FileInput
        label={t('record.documents.fields.file')}
        description={t('record.documents.fileHint', { max: formatBytes(MAX_DOCUMENT_BYTES) })}
        withAsterisk
        clearable
        data-autofocus
        leftSection={<IconFileUpload size={16} />}
        accept="image/jpeg,image/png,application/pdf"
        value={file}
        onChange={(f) => void choose(f)}
        error={form.errors.file}
      />
      {file && !form.errors.file && (
        <Text size="xs" c="dimmed">
          {formatBytes(file.size)}
        </Text>
      )}
      <SimpleGrid cols={2}>
        <Select
          label={t('record.documents.fields.kind')}
          withAsterisk
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`record.documents.kinds.${k}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('record.documents.fields.title')} withAsterisk {...form.getInputProps('title')} />
        <DateField label={t('record.documents.fields.issuedOn')} {...form.getInputProps('issuedOn')} />
      </SimpleGrid>
      <Textarea label={t('record.common.note')} autosize minRows={1} {...form.getInputProps('note')} />
    </FormModal>
  );
}
