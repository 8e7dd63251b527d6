import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, session } from 'electron';
import { type AppHost, createAppHost } from '../host/app-host';
import { createInstallDispatch } from '../host/workstation/install-dispatch';
import { exportPagePdf } from './print';
import { CONTENT_SECURITY_POLICY } from '../host/csp';
import { systemClock } from '../services/core/clock';
import { KEYSTORE_FILE } from '../services/app/app-core';
import { createKeyStore } from '../services/keys/key-store';
import { createLogger, setLogSink } from '../services/core/logger';
import { configureWorkers } from '../services/core/worker-pool';
import { denyAllPermissions, guardWebContents, installContentSecurityPolicy } from './hardening';
import { CHANGE_CHANNEL, registerInvokeHandler } from './ipc';
import { menuTemplate } from './menu';
import { LEAVE_DIALOG, leaveConfirmed } from './leave-dialog';
import { probeNativeDriver, resolveNativeBinding } from './native-driver';
import { chooseKeyProtection } from './safe-storage-sealer';
import type { TrustedUrlOptions } from './trusted-url';

const PRODUCT_NAME = '童护 Tonghu';
const log = createLogger('main');

const isDev = !app.isPackaged;
const rendererIndex = join(import.meta.dirname, '..', 'renderer', 'index.html');
const preloadScript = join(import.meta.dirname, '..', 'preload', 'index.cjs');
/** The electron-vite dev server: honoured only in an unpackaged run. */
const devServerUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
const trusted: TrustedUrlOptions = { appFileUrl: pathToFileURL(rendererIndex).href, devServerUrl };

let mainWindow: BrowserWindow | null = null;
let host: AppHost | null = null;
let install: ReturnType<typeof createInstallDispatch> | null = null;

/** The data folder: `<userData>/data`; an unpackaged run (tests, development) may point it elsewhere. */
function dataDir(): string {
  const override = isDev ? process.env.TONGHU_DATA_DIR : undefined;
  return override ?? join(app.getPath('userData'), 'data');
}

function migrationsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'db', 'migrations');
}

function logToFile(): void {
  const dir = join(app.getPath('userData'), 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'tonghu.log');
  setLogSink((line) => {
    try {
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // Logging must never take the app down.
    }
  });
}

function fatal(title: string, message: string): never {
  log.error(title);
  dialog.showErrorBox(title, message);
  app.exit(1);
  throw new Error(title);
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadScript,
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
      // Middle-click (auxclick) on a link would otherwise ask for a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const connection = `wc:${win.webContents.id}`;
  // Changes made at any desk reach this page (issue 19.4); the sender is the window's own contents.
  // At a workstation the install's feed carries the data host's changes; standalone it is the host's own.
  const unsubscribe = (install?.events ?? host?.events)?.subscribe(connection, (event) => {
    if (!win.webContents.isDestroyed()) win.webContents.send(CHANGE_CHANNEL, event);
  });
  win.webContents.once('destroyed', () => {
    unsubscribe?.();
    host?.sessions.end(connection);
  });
  // Closing or reloading over unsaved edits: the page's guard holds the window; ask before letting go.
  win.webContents.on('will-prevent-unload', (event) => {
    if (leaveConfirmed(dialog.showMessageBoxSync(win, { ...LEAVE_DIALOG, buttons: [...LEAVE_DIALOG.buttons] }))) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

function showAbout(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: `关于${PRODUCT_NAME}`,
    message: PRODUCT_NAME,
    detail: `版本 ${app.getVersion()}\n儿童福利机构个案管理（离线）`,
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  logToFile();

  const nativeBinding = resolveNativeBinding({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, env: process.env });
  const driverProblem = probeNativeDriver(nativeBinding);
  if (driverProblem) fatal('童护无法启动：数据库驱动', driverProblem);

  installContentSecurityPolicy(session.defaultSession, CONTENT_SECURITY_POLICY);
  denyAllPermissions(session.defaultSession);

  const dir = dataDir();
  // Long work (imports, exports, statistics) runs in worker threads from the entry built beside this file.
  configureWorkers({ directory: import.meta.dirname });
  const protection = chooseKeyProtection(safeStorage, process.platform);
  try {
    const keyStore = createKeyStore(join(dir, KEYSTORE_FILE));
    // A data folder set up with a passphrase keeps it, even if a keychain appeared since.
    const keepPassphrase = keyStore.exists() && keyStore.sealedKind() === 'passphrase';
    host = createAppHost({
      dataDir: dir,
      keyMode: keepPassphrase ? 'passphrase' : protection.keyMode,
      sealer: keepPassphrase ? null : protection.sealer,
      clock: systemClock,
      migrationsDir: migrationsDir(),
      nativeBinding,
      // A print view (the reintegration dossier) exported as a PDF of the window itself.
      exportPagePdf,
    });
  } catch (error) {
    fatal('童护无法启动', String((error as Error)?.message ?? error).slice(0, 400));
  }
  log.info('started', { phase: host.core.phase(), keyMode: host.core.keyMode, packaged: app.isPackaged });

  // Enrolled as a workstation: every request goes to the data host; a fresh install may enroll instead of setting up.
  install = createInstallDispatch(host, { dataDir: dir, sealer: protection.sealer });
  registerInvokeHandler(ipcMain, install.dispatch, trusted);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', isDev, productName: PRODUCT_NAME, onAbout: showAbout })));
  mainWindow = createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database (one writer): hand over to it and leave.
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, trusted));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    install?.close();
    install = null;
    host?.close();
    host = null;
  });
  app.on('activate', () => {
    if (host && !mainWindow) mainWindow = createMainWindow();
  });
  start().catch((error: unknown) => {
    log.error('start-up failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
    app.exit(1);
  });
}
