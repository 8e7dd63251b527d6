import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createLogger } from '../services/core/logger';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { AppHost } from './app-host';

const log = createLogger('browser-host');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const MAX_BODY = 30 * 1024 * 1024;

type BrowserHost = { url: string; port: number; token: string; close: () => Promise<void> };

/** The browser's stand-in for the preload: the same `window.api.invoke`, over HTTP with the run's token. */
function shimScript(token: string): string {
  return `(() => {
  const token = ${JSON.stringify(token)};
  let client = sessionStorage.getItem('tonghu.client');
  if (!client) { client = crypto.randomUUID(); sessionStorage.setItem('tonghu.client', client); }
  const invoke = async (channel, input) => {
    try {
      const res = await fetch('/rpc/' + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tonghu-token': token, 'x-tonghu-client': client },
        body: JSON.stringify(input === undefined ? null : input),
      });
      return await res.json();
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: '无法连接本地服务' } };
    }
  };
  const listeners = new Set();
  let source = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('/events?token=' + encodeURIComponent(token) + '&client=' + encodeURIComponent(client));
    source.addEventListener('change', (m) => {
      let event;
      try { event = JSON.parse(m.data); } catch { return; }
      for (const l of [...listeners]) l(event);
    });
    // Some changes were missed (the host kept too few): every page reads again.
    source.addEventListener('reset', () => {
      for (const l of [...listeners]) l({ seq: 0, at: new Date().toISOString(), channel: '*', by: null, byUserId: null, childIds: [], mine: false });
    });
  };
  const onChange = (listener) => {
    listeners.add(listener);
    connect();
    return () => { listeners.delete(listener); };
  };
  Object.defineProperty(window, 'api', { value: Object.freeze({ invoke, onChange }), writable: false });
  window.__TONGHU_HOST__ = { kind: 'browser' };
})();`;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** How often an idle event stream sends a comment line (keeps proxies and the browser from timing out). */
const SSE_HEARTBEAT_MS = 25_000;

/**
 * `GET /events?token=…&client=…`: the change feed as server-sent events (issue 19.4), for the page whose
 * client id is given (the same id its `/rpc` calls carry). A reconnecting EventSource sends
 * `Last-Event-ID`: the changes it missed are sent first, or `reset` when the feed no longer has them.
 * The data host serves its workstations the same stream (this function takes any request/response pair).
 */
export function serveChangeEvents(
  app: Pick<AppHost, 'events'>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tokenOk: (given: string) => boolean,
  /** The router's connection for a page's client id (the data host binds it to the workstation too). */
  connectionOf: (client: string) => string = (client) => `host:${client}`,
): void {
  if (req.method !== 'GET') return send(res, 405, 'method not allowed');
  const given = url.searchParams.get('token');
  if (given === null || !tokenOk(given)) return send(res, 401, 'bad token');
  const client = url.searchParams.get('client');
  if (client === null || !/^[\w-]{8,64}$/.test(client)) return send(res, 400, 'bad client id');
  const connection = connectionOf(client);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write('retry: 2000\n\n');
  const write = (event: { seq: number }) => res.write(`id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`);
  const lastId = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? NaN);
  if (Number.isInteger(lastId) && lastId >= 0) {
    const missed = app.events.since(lastId, connection);
    if (missed === null) res.write(`id: ${app.events.lastSeq()}\nevent: reset\ndata: {}\n\n`);
    else for (const event of missed) write(event);
  }
  const unsubscribe = app.events.subscribe(connection, write);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
}

/**
 * Serves the built renderer and answers `POST /rpc/<channel>` through the same router as Electron's
 * IPC. Loopback only; a per-run token; Host and Origin checked against DNS rebinding.
 */
export async function startBrowserHost(app: AppHost, options: { rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`renderer not built: ${indexFile} is missing (run npm run build:renderer)`);
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log.error('request failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'misdirected request');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return send(res, 405, 'method not allowed');
      const origin = req.headers.origin;
      if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'forbidden origin');
      const given = req.headers['x-tonghu-token'];
      if (typeof given !== 'string' || !sameToken(given, token)) return send(res, 401, 'bad token');
      const client = req.headers['x-tonghu-client'];
      if (typeof client !== 'string' || !/^[\w-]{8,64}$/.test(client)) return send(res, 400, 'bad client id');
      let input: unknown = null;
      try {
        const body = await readBody(req);
        input = body.length > 0 ? JSON.parse(body) : null;
      } catch {
        return send(res, 200, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: '请求格式无效', field: '(input)' } }), 'application/json');
      }
      const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      const result = await app.router.dispatch(`host:${client}`, channel, input);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }
    if (url.pathname === '/events') return serveChangeEvents(app, req, res, url, (given) => sameToken(given, token));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (url.pathname === '/host-shim.js') return send(res, 200, shimScript(token), MIME['.js']);
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir) return send(res, 403, 'forbidden');
    if (relative === '' || relative === 'index.html' || !existsSync(file) || statSync(file).isDirectory()) {
      const html = readFileSync(indexFile, 'utf8').replace('<head>', '<head>\n    <script src="/host-shim.js"></script>');
      return send(res, 200, html, MIME['.html']);
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
