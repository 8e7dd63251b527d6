/**
 * Issue 15, item 13: the browser host gives its token only inside the page it serves (an inline script
 * under a per-response CSP nonce; nothing at /host-shim.js), and answers a body over the limit (413)
 * and a malformed percent escape in a path (400) in the closed error shape instead of a reset
 * connection or a plain-text 500.
 */
import { request } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { startBrowserHost } from '../../electron/host/browser-host';
import { tempDir } from '../helpers/temp-db';
import { makeHost } from './support/host';

let root: { dir: string; cleanup: () => void };
let app: AppHost;
let host: Awaited<ReturnType<typeof startBrowserHost>>;

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One raw HTTP request (a raw path, as an attacker would send it, not one `fetch` would normalise). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const rpcHeaders = () => ({ 'content-type': 'application/json', 'x-tonghu-token': host.token, 'x-tonghu-client': 'client-0001' });

beforeAll(async () => {
  root = tempDir();
  const rendererDir = join(root.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), readFileSync('renderer/index.html', 'utf8'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);\n');
  app = makeHost(join(root.dir, 'data'));
  host = await startBrowserHost(app, { rendererDir });
});
afterAll(async () => {
  await host?.close();
  app?.close();
  root?.cleanup();
});

describe('the token is only inside the served page', () => {
  it('/host-shim.js serves nothing, and no static answer but the page holds the token', async () => {
    const shim = await raw('GET', '/host-shim.js');
    expect(shim.status).toBe(404);
    expect(shim.body).not.toContain(host.token);
    expect(JSON.parse(shim.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const asset = await raw('GET', '/assets/app.js');
    expect(asset.body).not.toContain(host.token);
  });

  it('the page inlines the shim under a nonce that the CSP header and meta admit, and no other inline script', async () => {
    const page = await raw('GET', '/');
    expect(page.status).toBe(200);
    const nonce = /<script nonce="([^"]+)">/.exec(page.body)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(JSON.stringify(host.token));
    expect(page.body).not.toContain('/host-shim.js');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-inline\'; script');
    expect(page.body).toMatch(new RegExp(`<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self' 'nonce-${nonce!.replace(/[+/=]/g, '\\$&')}'`));
    // A fresh nonce for each answer.
    const again = await raw('GET', '/');
    expect(/<script nonce="([^"]+)">/.exec(again.body)?.[1]).not.toBe(nonce);
  });
});

describe('refusals in the closed error shape', () => {
  it('a body over 30 MB gets 413 with a Chinese message, not a reset connection', async () => {
    const body = Buffer.alloc(31 * 1024 * 1024, 0x20);
    const answer = await raw('POST', '/rpc/app:status', rpcHeaders(), body);
    expect(answer.status).toBe(413);
    const parsed = JSON.parse(answer.body) as { ok: boolean; error: { code: string; message: string } };
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parsed.error.message).toMatch(/过大.*30 MB/);
    // The host still answers afterwards.
    expect(JSON.parse((await raw('POST', '/rpc/app:status', rpcHeaders(), 'null')).body)).toMatchObject({ ok: true });
  });

  it('a malformed percent escape in a path gets 400, for a page and for a channel', async () => {
    for (const [method, path] of [
      ['GET', '/%E0%A4%A'],
      ['GET', '/assets/%zz.js'],
      ['POST', '/rpc/app%3'],
    ] as const) {
      const answer = await raw(method, path, method === 'POST' ? rpcHeaders() : {}, method === 'POST' ? 'null' : undefined);
      expect(answer.status, path).toBe(400);
      expect(answer.headers['content-type']).toContain('application/json');
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/地址/) } });
    }
  });

  it('a missing token and a foreign origin are refused in the same shape', async () => {
    const noToken = await raw('POST', '/rpc/app:status', { 'content-type': 'application/json', 'x-tonghu-client': 'client-0001' }, 'null');
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const foreign = await raw('POST', '/rpc/app:status', { ...rpcHeaders(), origin: 'http://127.0.0.1:1' }, 'null');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
