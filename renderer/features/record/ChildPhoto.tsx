import { ActionIcon, Avatar, FileButton, Group, Stack, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCamera, IconPhotoOff, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChildProfile } from '../../../shared/contract/record';
import { toIsoDate } from '../../../shared/domain/dates';
import { call } from '../../api/client';
import { useVersions, versionIn } from '../../api/versions';
import { useCan } from '../../app/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notifyStaleAction } from '../../components/stale-action';
import { useT } from '../../i18n';
import { bytesToBase64, documentMime, fileProblem } from './record-format';

/** The child's photo, kept inside the encrypted database; upload, change or remove it in place. */
export function ChildPhoto({ child, onChanged }: { child: ChildProfile; onChanged: () => void }) {
  const t = useT();
  const canRead = useCan('documents.read');
  const canWriteDocuments = useCan('documents.write');
  const canWriteChild = useCan('children.write');
  const canWrite = canWriteDocuments && canWriteChild;
  const [src, setSrc] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removeOpened, removeModal] = useDisclosure(false);
  // The particulars' version as the page read them: setting the photo edits them (issue 19.4).
  const versions = useVersions();
  const readAt = () => versionIn(versions, 'child', child.id);

  useEffect(() => {
    let cancelled = false;
    setSrc(null);
    if (child.photoDocumentId === null || !canRead) return;
    call('record:getDocument', { childId: child.id, id: child.photoDocumentId })
      .then((d) => !cancelled && setSrc(`data:${d.mime};base64,${d.contentBase64}`))
      .catch(() => !cancelled && setSrc(null));
    return () => {
      cancelled = true;
    };
  }, [child.id, child.photoDocumentId, canRead]);

  const upload = async (file: File | null) => {
    if (!file) return;
    const problem = fileProblem(file, true);
    if (problem) {
      notifications.show({ color: 'red', message: t(`record.documents.problems.${problem === 'type' ? 'photoType' : problem}`) });
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const document = await call('record:addDocument', {
        childId: child.id,
        kind: 'photo',
        title: t('record.photo.documentTitle', { date: toIsoDate(new Date()) }),
        mime: documentMime(file)!,
        contentBase64,
        issuedOn: null,
        note: null,
      });
      try {
        await call('record:setPhoto', { childId: child.id, documentId: document.id, expectedVersion: readAt() });
      } catch (e) {
        if (notifyStaleAction(e, t, t('versions.photoKept'))) return onChanged();
        throw e;
      }
      notifications.show({ color: 'teal', message: t('record.photo.saved') });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const avatar = (
    <Avatar src={src} size={96} radius="md" color="teal" alt={t('record.photo.alt', { name: child.name })} data-testid="child-photo">
      {child.name.slice(-2)}
    </Avatar>
  );
  if (!canWrite) return avatar;
  return (
    <Stack gap={4} align="center">
      {avatar}
      <Group gap={4}>
        <FileButton onChange={(f) => void upload(f)} accept="image/jpeg,image/png">
          {(props) => (
            <Tooltip label={child.photoDocumentId === null ? t('record.photo.upload') : t('record.photo.change')}>
              <ActionIcon {...props} variant="light" loading={busy} aria-label={child.photoDocumentId === null ? t('record.photo.upload') : t('record.photo.change')}>
                {child.photoDocumentId === null ? <IconUpload size={16} /> : <IconCamera size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
        {child.photoDocumentId !== null && (
          <Tooltip label={t('record.photo.remove')}>
            <ActionIcon variant="subtle" color="gray" onClick={removeModal.open} aria-label={t('record.photo.remove')}>
              <IconPhotoOff size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <ConfirmModal
        opened={removeOpened}
        onClose={removeModal.close}
        title={t('record.photo.remove')}
        message={t('record.photo.removeMessage')}
        confirmLabel={t('record.photo.remove')}
        onConfirm={async () => {
          try {
            await call('record:setPhoto', { childId: child.id, documentId: null, expectedVersion: readAt() });
          } catch (e) {
            if (!notifyStaleAction(e, t)) throw e;
          }
          onChanged();
        }}
      />
    </Stack>
  );
}
