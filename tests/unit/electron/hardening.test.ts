import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/csp';
import { denyAllPermissions, guardWebContents, installContentSecurityPolicy, secureWebPreferences } from '../../../electron/main/hardening';
import type { TrustedUrlOptions } from '../../../electron/main/trusted-url';
import { setLogSink } from '../../../electron/services/core/logger';

const root = join(import.meta.dirname, '..', '..', '..');
const appFileUrl = 'file:///opt/Tonghu/resources/app.asar/out/renderer/index.html';
const trusted: TrustedUrlOptions = { appFileUrl };

type Handler = (...args: unknown[]) => unknown;

/** Stands in for Electron's WebContents: records what guardWebContents registers. */
class FakeWebContents {
  readonly handlers = new Map<string, Handler>();
  windowOpenHandler: Handler | null = null;
  on(event: string, handler: Handler): this {
    this.handlers.set(event, handler);
    return this;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  /** Fires an event the way Electron does and reports whether the handler cancelled it. */
  fire(event: string, ...args: unknown[]): boolean {
    const handler = this.handlers.get(event);
    if (!handler) throw new Error(`no handler for ${event}`);
    let prevented = false;
    handler({ preventDefault: () => (prevented = true), url: args[0] }, ...args);
    return prevented;
  }
}

function guarded(options: TrustedUrlOptions = trusted): FakeWebContents {
  const contents = new FakeWebContents();
  guardWebContents(contents as unknown as WebContents, options);
  return contents;
}

let logLines: string[] = [];
beforeEach(() => {
  logLines = [];
  setLogSink((line) => logLines.push(line));
});
afterEach(() => setLogSink(() => undefined));

const untrusted = [
  'https://example.com/',
  'http://localhost:5173/',
  'file:///etc/passwd',
  'file:///opt/Tonghu/resources/app.asar/out/renderer/other.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
];

describe('guardWebContents: navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s stays on the app page (with a route) ', (event) => {
    const contents = guarded();
    expect(contents.fire(event, appFileUrl)).toBe(false);
    expect(contents.fire(event, `${appFileUrl}#/children/12`)).toBe(false);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to anything else is cancelled', (event) => {
    const contents = guarded();
    for (const url of untrusted) expect(contents.fire(event, url), url).toBe(true);
  });

  it('allows the dev server only when it is configured', () => {
    expect(guarded().fire('will-navigate', 'http://localhost:5173/')).toBe(true);
    expect(guarded({ appFileUrl, devServerUrl: 'http://localhost:5173' }).fire('will-navigate', 'http://localhost:5173/#/children')).toBe(false);
  });

  it('logs only the scheme of a blocked URL, never its path or query', () => {
    guarded().fire('will-navigate', 'https://example.com/children?name=%E5%BC%A0%E4%B8%89&id=310101201001011234');
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toContain('"scheme":"https"');
    expect(logLines[0]).not.toMatch(/example\.com|children|name=|3101012010/);
  });
});

describe('guardWebContents: new windows and webviews', () => {
  it('denies every window.open, the app page included', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler).not.toBeNull();
    for (const url of [appFileUrl, ...untrusted]) {
      expect(contents.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a webview', () => {
    expect(guarded().fire('will-attach-webview', appFileUrl)).toBe(true);
  });
});

/** Stands in for Electron's Session: records the handlers and the header rewriter. */
class FakeSession {
  requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['deviceHandler']): void {
    this.deviceHandler = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
}

describe('denyAllPermissions', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'midi', 'hid', 'serial', 'usb', 'display-capture', 'fileSystem', 'unknown'];

  it('answers every permission request with no', () => {
    const ses = new FakeSession();
    denyAllPermissions(ses as unknown as Session);
    expect(ses.requestHandler).not.toBeNull();
    for (const permission of permissions) {
      const answers: boolean[] = [];
      ses.requestHandler?.({}, permission, (granted) => answers.push(granted), { requestingUrl: appFileUrl });
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check and device request with no', () => {
    const ses = new FakeSession();
    denyAllPermissions(ses as unknown as Session);
    for (const permission of permissions) {
      expect(ses.checkHandler?.({}, permission, appFileUrl, {}), permission).toBe(false);
    }
    expect(ses.deviceHandler?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});

describe('installContentSecurityPolicy', () => {
  function rewrite(responseHeaders: Record<string, string[]> | undefined): Record<string, string[]> {
    const ses = new FakeSession();
    installContentSecurityPolicy(ses as unknown as Session, CONTENT_SECURITY_POLICY);
    let out: Record<string, string[]> | undefined;
    ses.headersListener?.({ responseHeaders }, (response) => (out = response.responseHeaders));
    if (!out) throw new Error('the listener did not answer');
    return out;
  }

  it('puts the app policy on a response that had none', () => {
    expect(rewrite(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('replaces a looser policy whatever its header case, and keeps other headers', () => {
    const out = rewrite({ 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['1'] });
    expect(out).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] });
    expect(Object.keys(out).filter((name) => name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });
});

describe('content security policy', () => {
  const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));

  it('allows no eval, no inline script, no plugins and no remote origins', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it("the page's meta tag carries the same policy (less frame-ancestors, which a meta tag cannot set)", () => {
    const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    expect(meta).toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(meta ?? '')).toEqual(header);
  });
});

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of every page', () => {
    expect(secureWebPreferences()).toMatchObject({
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('keeps the preload but lets nothing loosen the rest', () => {
    const loosened = { preload: '/app/preload/index.cjs', contextIsolation: false, sandbox: false, nodeIntegration: true } as unknown as Parameters<typeof secureWebPreferences>[0];
    expect(secureWebPreferences(loosened)).toMatchObject({ preload: '/app/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
