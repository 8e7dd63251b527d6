import type { ChannelOutput } from '../../../shared/contract';
import { saveBlob } from '../../components/download';
import { base64ToBytes, downloadName } from './record-format';

type DocumentWithContent = ChannelOutput<'record:getDocument'>;

/** An object URL of a document's content (revoke it when done). */
export function documentObjectUrl(document: DocumentWithContent): string {
  return URL.createObjectURL(new Blob([base64ToBytes(document.contentBase64)], { type: document.mime }));
}

/** Saves a document through the browser's own download, never by opening a URL. */
export function downloadDocument(document: DocumentWithContent): void {
  saveBlob(new Blob([base64ToBytes(document.contentBase64)], { type: document.mime }), downloadName(document.title, document.mime));
}
