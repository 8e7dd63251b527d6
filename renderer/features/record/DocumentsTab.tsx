import { Badge, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { DocumentMeta } from '../../../shared/contract/record';
import { call } from '../../api/client';
import { versionIn } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { notifyStaleAction } from '../../components/stale-action';
import { useT } from '../../i18n';
import { downloadDocument } from './document-files';
import { DocumentPreview } from './DocumentPreview';
import { DocumentUploadForm } from './DocumentUploadForm';
import { byNewest, formatBytes } from './record-format';
import { type RowAction, RecordTable } from './RecordTable';
import { Section } from './Section';
import type { RecordTabProps } from './use-child-record';
import { VoidRowModal } from './VoidRowModal';

type Pending = { kind: 'upload' } | { kind: 'preview'; row: DocumentMeta } | { kind: 'void'; row: DocumentMeta } | null;

/** Scanned certificates and reports kept inside the encrypted database: list, upload, view, download, void. */
export function DocumentsTab({ record, onChanged }: RecordTabProps) {
  const t = useT();
  const canWrite = useCan('documents.write');
  const canSetPhoto = useCan('children.write');
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);
  const childId = record.child.id;

  const download = async (row: DocumentMeta) => {
    try {
      downloadDocument(await call('record:getDocument', { childId, id: row.id }));
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const setPhoto = async (row: DocumentMeta) => {
    try {
      // Setting the photo edits the particulars: at the version the page read them (issue 19.4).
      await call('record:setPhoto', { childId, documentId: row.id, expectedVersion: versionIn(record.versions, 'child', childId) });
      notifications.show({ color: 'teal', message: t('record.photo.saved') });
      onChanged();
    } catch (e) {
      if (notifyStaleAction(e, t)) return onChanged();
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const actions = (row: DocumentMeta): RowAction[] => [
    ...(row.mime.startsWith('image/') ? [{ label: t('record.documents.view'), onClick: () => setPending({ kind: 'preview', row }) }] : []),
    { label: t('record.documents.download'), onClick: () => void download(row) },
    ...(canSetPhoto && row.kind === 'photo' && row.mime.startsWith('image/') && record.child.photoDocumentId !== row.id
      ? [{ label: t('record.documents.useAsPhoto'), onClick: () => void setPhoto(row) }]
      : []),
    ...(canWrite ? [{ label: t('record.common.void'), color: 'red', onClick: () => setPending({ kind: 'void', row }) }] : []),
  ];

  return (
    <Section
      title={t('record.documents.title')}
      hint={t('record.documents.hint')}
      testId="documents-section"
      action={
        canWrite && (
          <Button variant="light" leftSection={<IconUpload size={16} />} onClick={() => setPending({ kind: 'upload' })}>
            {t('record.documents.add')}
          </Button>
        )
      }
    >
      <RecordTable
        rows={byNewest(record.documents, (r) => r.issuedOn ?? r.createdAt.slice(0, 10))}
        label={t('record.documents.title')}
        emptyTitle={t('record.documents.empty')}
        emptyHint={t('record.documents.emptyHint')}
        columns={[
          {
            key: 'title',
            label: t('record.documents.fields.title'),
            render: (r) => (
              <>
                <Text size="sm" fw={500}>
                  {r.title}
                </Text>
                {r.id === record.child.photoDocumentId && r.voidedAt === null && (
                  <Badge size="xs" color="teal" variant="filled">
                    {t('record.documents.currentPhoto')}
                  </Badge>
                )}
              </>
            ),
          },
          {
            key: 'kind',
            label: t('record.documents.fields.kind'),
            nowrap: true,
            render: (r) => (
              <Badge variant="light" color="gray">
                {t(`record.documents.kinds.${r.kind}`)}
              </Badge>
            ),
          },
          { key: 'issued', label: t('record.documents.fields.issuedOn'), render: (r) => r.issuedOn ?? '', nowrap: true },
          { key: 'added', label: t('record.documents.columns.added'), render: (r) => r.createdAt.slice(0, 10), nowrap: true },
          { key: 'type', label: t('record.documents.columns.type'), render: (r) => r.mime.split('/')[1].toUpperCase() },
          { key: 'size', label: t('record.documents.columns.size'), render: (r) => formatBytes(r.size), nowrap: true },
        ]}
        actions={actions}
      />
      {pending?.kind === 'upload' && <DocumentUploadForm childId={childId} onClose={close} onDone={onChanged} />}
      {pending?.kind === 'preview' && <DocumentPreview childId={childId} document={pending.row} onClose={close} />}
      {pending?.kind === 'void' && (
        <VoidRowModal target={{ entity: 'document', id: pending.row.id }} childId={childId} what={pending.row.title} onClose={close} onDone={onChanged} />
      )}
    </Section>
  );
}
