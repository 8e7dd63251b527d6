import { Button, Center, Group, Image, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { DocumentMeta } from '../../../shared/contract/record';
import { call } from '../../api/client';
import { useT } from '../../i18n';
import { documentObjectUrl, downloadDocument } from './document-files';

/** Shows an image document inside the app (its content as an object URL), with a download button. */
export function DocumentPreview({ childId, document, onClose }: { childId: number; document: DocumentMeta; onClose: () => void }) {
  const t = useT();
  const [loaded, setLoaded] = useState<{ doc: ChannelOutput<'record:getDocument'>; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    call('record:getDocument', { childId, id: document.id })
      .then((doc) => {
        if (cancelled) return;
        url = documentObjectUrl(doc);
        setLoaded({ doc, url });
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [childId, document.id]);
  return (
    <Modal opened onClose={onClose} title={document.title} size="xl">
      <Stack gap="sm">
        {error && <Text c="red">{error}</Text>}
        {!loaded && !error && (
          <Center h={200}>
            <Loader />
          </Center>
        )}
        {loaded && <Image src={loaded.url} alt={document.title} fit="contain" mah="70vh" />}
        <Group justify="flex-end">
          <Button variant="light" leftSection={<IconDownload size={16} />} disabled={!loaded} onClick={() => loaded && downloadDocument(loaded.doc)}>
            {t('record.documents.download')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
