/**
 * Saves content through the browser's own download (an <a download>), never by opening a URL: in the
 * browser host a download, in Electron the save dialog of the session's default download handling.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = window.document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  window.document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
