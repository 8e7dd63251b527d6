import type { Session, WebContents, WebPreferences } from 'electron';
import { createLogger } from '../services/core/logger';
import { type TrustedUrlOptions, isTrustedUrl } from './trusted-url';

const log = createLogger('hardening');

const CSP_HEADER = 'Content-Security-Policy';

/** The web preferences of every window: no Node in the page, isolated and sandboxed, no webviews. */
export function secureWebPreferences(extra: Pick<WebPreferences, 'preload' | 'javascript' | 'partition'> = {}): WebPreferences {
  return {
    ...extra,
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
  };
}

/** Sends the app's Content-Security-Policy on every response of this session (the page also has it as a meta tag). */
export function installContentSecurityPolicy(ses: Session, policy: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== CSP_HEADER.toLowerCase()) responseHeaders[name] = value;
    }
    responseHeaders[CSP_HEADER] = [policy];
    callback({ responseHeaders });
  });
}

/** No camera, microphone, notifications, geolocation, clipboard reads…: the app asks for none, so all are refused. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn('refused a permission request', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * Guards any web contents (the main window, the print window, anything Chromium creates): no
 * navigation or redirect away from the app's own page, no new windows, no webviews.
 */
export function guardWebContents(contents: WebContents, trusted: TrustedUrlOptions): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, trusted)) {
      event.preventDefault();
      log.warn('blocked a navigation', { scheme: url.split(':', 1)[0] });
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedUrl(event.url, trusted)) {
      event.preventDefault();
      log.warn('blocked a frame navigation', { scheme: event.url.split(':', 1)[0] });
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, trusted)) {
      event.preventDefault();
      log.warn('blocked a redirect', { scheme: url.split(':', 1)[0] });
    }
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
