import { describe, expect, it } from 'vitest';
import { isTrustedUrl } from '../../../electron/main/trusted-url';

const appFileUrl = 'file:///opt/Tonghu/resources/app.asar/out/renderer/index.html';
const devServerUrl = 'http://localhost:5173';
const packaged = { appFileUrl };
const dev = { appFileUrl, devServerUrl };

type Row = [url: string, opts: Parameters<typeof isTrustedUrl>[1], trusted: boolean, why: string];

const table: Row[] = [
  // The app's own page.
  [appFileUrl, packaged, true, 'the packaged index.html'],
  [`${appFileUrl}#/children`, packaged, true, 'index.html with a router hash'],
  [`${appFileUrl}?lang=en`, packaged, true, 'index.html with a query'],
  ['file:///opt/Tonghu/resources/app.asar/out/renderer/sub/../index.html', packaged, true, 'dot segments that resolve to index.html'],
  // Other files.
  ['file:///opt/Tonghu/resources/app.asar/out/renderer/other.html', packaged, false, 'another file beside index.html'],
  ['file:///etc/passwd', packaged, false, 'an arbitrary file'],
  ['file:///opt/Tonghu/resources/app.asar/out/renderer/index.html.evil', packaged, false, 'a suffix on the file name'],
  ['file:///tmp/out/renderer/index.html', packaged, false, 'an index.html elsewhere'],
  ['file://evil-host/opt/Tonghu/resources/app.asar/out/renderer/index.html', packaged, false, 'a file URL with a host (UNC share)'],
  [appFileUrl, {}, false, 'no app file configured'],
  // Other schemes.
  ['javascript:alert(1)', dev, false, 'javascript:'],
  ['data:text/html,<script>alert(1)</script>', dev, false, 'data:'],
  ['about:blank', dev, false, 'about:blank'],
  ['blob:http://localhost:5173/1b7f', dev, false, 'blob:'],
  ['devtools://devtools/bundled/inspector.html', dev, false, 'devtools:'],
  ['chrome://settings', dev, false, 'chrome:'],
  ['', dev, false, 'empty string'],
  ['not a url', dev, false, 'garbage'],
  // The web.
  ['https://example.com/', dev, false, 'a remote https site'],
  ['http://example.com/index.html', dev, false, 'a remote http site'],
  ['http://127.0.0.1:5173/', dev, false, 'another loopback name than the dev server'],
  ['http://localhost:5174/', dev, false, 'another port on localhost'],
  ['https://localhost:5173/', dev, false, 'https instead of http'],
  ['http://localhost/', dev, false, 'localhost without the port'],
  // Look-alikes and userinfo tricks.
  ['http://localhost:5173.evil.com/', dev, false, 'a look-alike host'],
  ['http://localhost.evil.com:5173/', dev, false, 'a look-alike host with the port'],
  ['http://localhost:5173@evil.com/', dev, false, 'userinfo trick: the host is evil.com'],
  ['http://user:pass@localhost:5173/', dev, false, 'credentials in the URL'],
  ['http://evil.com#http://localhost:5173/', dev, false, 'the dev URL in the hash'],
  ['http://evil.com/?u=http://localhost:5173/', dev, false, 'the dev URL in the query'],
  // The dev server, in development only.
  ['http://localhost:5173/', dev, true, 'the dev server root'],
  ['http://localhost:5173/#/children', dev, true, 'a dev server route'],
  ['http://LOCALHOST:5173/', dev, true, 'host names are case-insensitive'],
  ['http://localhost:5173/', packaged, false, 'the dev server when packaged'],
  ['http://evil.com/', { devServerUrl: 'http://evil.com' }, false, 'a dev server that is not on loopback'],
  ['http://localhost:5173@evil.com/', { devServerUrl: 'http://localhost:5173@evil.com' }, false, 'a dev server URL with userinfo'],
  ['http://127.0.0.1:5173/', { devServerUrl: 'http://127.0.0.1:5173/' }, true, 'a 127.0.0.1 dev server'],
];

describe('isTrustedUrl', () => {
  it.each(table)('%s → %s (%s)', (url, opts, trusted) => {
    expect(isTrustedUrl(url, opts)).toBe(trusted);
  });

  it('never throws on hostile input', () => {
    for (const url of ['%', 'file://%zz', 'http://[::1', '\u0000', 'x'.repeat(10_000)]) {
      expect(isTrustedUrl(url, dev)).toBe(false);
    }
    expect(isTrustedUrl('file:///opt/Tonghu/resources/app.asar/out/renderer/%E0%A4%A.html', packaged)).toBe(false);
  });
});
