import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, type Session, app, dialog, session, webContents } from 'electron';
import { denyAllPermissions } from './hardening';

/** An in-memory session (no "persist:" prefix) used only for printing: nothing of it reaches the disk. */
const PRINT_PARTITION = 'tonghu-print';
/** Chromium refuses URLs longer than 2 MiB. */
const MAX_URL_LENGTH = 2 * 1024 * 1024;
const PRINT_TIMEOUT_MS = 60_000;

let printSessionReady = false;

function printSession(): Session {
  const ses = session.fromPartition(PRINT_PARTITION);
  if (!printSessionReady) {
    denyAllPermissions(ses);
    // The document is self-contained: it may not fetch anything (images and fonts come as data: URLs).
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
    printSessionReady = true;
  }
  return ses;
}

export type PrintOptions = { landscape?: boolean };

/**
 * Renders an HTML document to an A4 PDF in a hidden, sandboxed window with JavaScript disabled.
 * The HTML never touches the disk (it is loaded as a data: URL), so no child's data is left in a
 * temporary file. Throws when the document is too large to load that way.
 */
export async function printHtmlToPdf(html: string, options: PrintOptions = {}): Promise<Buffer> {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_URL_LENGTH) throw new Error('打印内容过大（超过 1.5 MB），请缩小范围后再打印');
  printSession();
  const win = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('打印超时')), PRINT_TIMEOUT_MS);
    });
    await Promise.race([win.loadURL(url), timeout]);
    return await Promise.race([
      win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, landscape: options.landscape ?? false }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    if (!win.isDestroyed()) win.destroy();
  }
}

/**
 * The page a window is showing (a print view such as the reintegration dossier) as an A4 PDF, saved
 * where the person chooses. `connection` is the router's name for the sender (`wc:<webContents id>`).
 * Returns the path, or null when the dialog was cancelled.
 */
export async function exportPagePdf(connection: string, suggestedName: string): Promise<string | null> {
  const id = Number(/^wc:(\d+)$/.exec(connection)?.[1]);
  const contents = Number.isInteger(id) ? webContents.fromId(id) : undefined;
  if (!contents || contents.isDestroyed()) throw new Error('找不到要导出的页面');
  const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  const owner = BrowserWindow.fromWebContents(contents);
  const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  await writeFile(choice.filePath, pdf);
  return choice.filePath;
}
