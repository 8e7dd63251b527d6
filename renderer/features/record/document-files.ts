import type { ChannelOutput } from '../../../shared/contract';
import { base64ToBytes, downloadName } from './record-format';

type DocumentWithContent = ChannelOutput<'record:getDocument'>;

/** An object URL of a document's content (revoke it when done). */
export function documentObjectUrl(document: DocumentWithContent): string {
  return URL.createObjectURL(new Blob([base64ToBytes(document.contentBase64)], { type: document.mime }));
}

/** Saves a document through the browser's own download (an <a download>), never by opening a URL. */
export function downloadDocument(document: DocumentWithContent): void {
  const url = documentObjectUrl(document);
  const a = window.document.createElement('a');
  a.href = url;
  a.download = downloadName(document.title, document.mime);
  a.rel = 'noopener';
  window.document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
