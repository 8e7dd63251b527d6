import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ErrorCode } from '../../shared/contract/errors';
import { createLogger } from '../services/core/logger';
import { CONTENT_SECURITY_POLICY } from './csp';
import { serveChangeEvents } from './change-stream';
import type { ChangeFeed } from './events';
import type { Dispatch } from './router';

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

/**
 * The browser's stand-in for the preload: the same `window.api.invoke`, over HTTP with the run's token.
 * Inlined into the served page (never a script of its own, which another loopback origin could load).
 * Every answer of the host is the closed error shape, so the page shows the host's message; only a
 * request that got no answer at all is "cannot reach the local service".
 */
function shimScript(token: string): string {
  const literal = JSON.stringify(token).replace(/</g, '\\u003c');
  return `(() => {
  const token = ${literal};
  let client = sessionStorage.getItem('tonghu.client');
  if (!client) { client = crypto.randomUUID(); sessionStorage.setItem('tonghu.client', client); }
  const invoke = async (channel, input) => {
    let res;
    try {
      res = await fetch('/rpc/' + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tonghu-token': token, 'x-tonghu-client': client },
        body: JSON.stringify(input === undefined ? null : input),
      });
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: '无法连接本地服务' } };
    }
    try {
      return await res.json();
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: '本地服务的应答无法读取（HTTP ' + res.status + '）' } };
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

/** Beyond this many bytes an over-limit body is no longer drained but the connection is closed. */
const MAX_DRAIN = 8 * MAX_BODY;

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', csp = CONTENT_SECURITY_POLICY): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': csp,
  });
  res.end(body);
}

/** An answer in the contract's closed error shape `{ ok: false, error: { code, message } }`, with its HTTP status. */
function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json');
}

/**
 * The request body, or `tooLarge` once it passes MAX_BODY: the rest is read and dropped so that the
 * answer (413) reaches the page instead of a reset connection; past MAX_DRAIN the connection is cut.
 */
function readBody(req: IncomingMessage): Promise<{ body: string } | { tooLarge: true }> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    let chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN) {
        req.destroy();
        return;
      }
      if (size > MAX_BODY) chunks = [];
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > MAX_BODY ? { tooLarge: true } : { body: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

/** A URL path decoded, or null when it holds a malformed percent escape. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** The page with the shim inlined under a per-response nonce, and the CSP (header and meta) that admits that one script. */
function pageWithShim(html: string, token: string): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const scriptSrc = `script-src 'self' 'nonce-${nonce}'`;
  const page = html
    .replace(/script-src 'self'/g, scriptSrc)
    .replace('<head>', `<head>\n    <script nonce="${nonce}">${shimScript(token)}</script>`);
  return { html: page, csp: CONTENT_SECURITY_POLICY.replace("script-src 'self'", scriptSrc) };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Serves the built renderer and answers `POST /rpc/<channel>` through the same router as Electron's
 * IPC. Loopback only; a per-run token, given only inside the served page (an inline script admitted
 * by a per-response CSP nonce); Host and Origin checked against DNS rebinding. Every refusal is the
 * closed error shape with its HTTP status (413 for a body over MAX_BODY, 400 for a malformed path).
 */
export async function startBrowserHost(app: { router: { dispatch: Dispatch }; events?: ChangeFeed }, options: { rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`renderer not built: ${indexFile} is missing (run npm run build:renderer)`);
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log.error('request failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
      if (!res.headersSent) sendError(res, 500, 'internal', '本地服务内部错误，请重试');
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return sendError(res, 421, 'forbidden', '请求的主机名不被接受');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = decodePath(url.pathname);
    if (path === null) return sendError(res, 400, 'invalid_input', '请求地址格式无效（百分号编码有误）');
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendError(res, 405, 'invalid_input', '请求方式无效');
      const origin = req.headers.origin;
      if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return sendError(res, 403, 'forbidden', '请求来源不被接受');
      const given = req.headers['x-tonghu-token'];
      if (typeof given !== 'string' || !sameToken(given, token)) return sendError(res, 401, 'unauthenticated', '页面已过期，请刷新页面');
      const client = req.headers['x-tonghu-client'];
      if (typeof client !== 'string' || !/^[\w-]{8,64}$/.test(client)) return sendError(res, 400, 'invalid_input', '请求缺少有效的客户端标识');
      const read = await readBody(req);
      if ('tooLarge' in read) {
        return sendError(res, 413, 'invalid_input', `请求内容过大（超过 ${MAX_BODY / 1024 / 1024} MB），未被接收；请缩小文件或分批提交`);
      }
      let input: unknown = null;
      try {
        input = read.body.length > 0 ? JSON.parse(read.body) : null;
      } catch {
        return send(res, 200, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: '请求格式无效', field: '(input)' } }), 'application/json');
      }
      const channel = path.slice('/rpc/'.length);
      const result = await app.router.dispatch(`host:${client}`, channel, input);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }
    if (url.pathname === '/events') return serveChangeEvents(app, req, res, url, (given) => sameToken(given, token));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'invalid_input', '请求方式无效');
    const relative = normalize(path).replace(/^([/\\])+/, '');
    // The shim is part of the page now: its old address serves nothing (in particular, not the token).
    if (relative === 'host-shim.js') return sendError(res, 404, 'not_found', '未找到');
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir) return sendError(res, 403, 'forbidden', '不能访问该路径');
    if (relative === '' || relative === 'index.html' || !existsSync(file) || statSync(file).isDirectory()) {
      const page = pageWithShim(readFileSync(indexFile, 'utf8'), token);
      return send(res, 200, page.html, MIME['.html'], page.csp);
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
