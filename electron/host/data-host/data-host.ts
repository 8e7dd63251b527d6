import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import type { z } from 'zod';
import type { DeskStatus, WorkstationRow, listenerSchema } from '../../../shared/contract/desks';
import { AppError } from '../../../shared/contract/errors';
import type { Result } from '../../../shared/contract/errors';
import { appendAudit } from '../../services/audit/audit';
import { type AuditHead, checkAuditWitness } from '../../services/audit/witness';
import type { AppCore } from '../../services/app/app-core';
import type { Actor } from '../../services/core/context';
import { createLogger } from '../../services/core/logger';
import { withOrigin } from '../../services/core/origin';
import { serveChangeEvents } from '../change-stream';
import type { ChangeFeed, PublishedChange } from '../events';
import type { AnswerLog, Router } from '../router';
import type { SessionStore } from '../sessions';
import { createInstitutionCa, createRevocationList, createServerCertificate, fingerprintOf, signWorkstationRequest } from './certs';
import {
  CODE_MINUTES,
  type HostRow,
  activeWorkstations,
  answerStore,
  claimCode,
  completeEnrollment,
  failEnrollment,
  hostRow,
  isRevokedFingerprint,
  issueCode,
  listWorkstations,
  renameWorkstation,
  revokeWorkstation,
  revokedCertificates,
  saveHostRow,
  setListening,
  touchWorkstation,
  voidOpenCodes,
} from './store';

const log = createLogger('data-host');

type Listener = z.infer<typeof listenerSchema>;

const MAX_BODY = 30 * 1024 * 1024;
const MAX_ENROLL_BODY = 16 * 1024;
/** Wrong codes tolerated within 15 minutes before every open code is voided (a new one must be made). */
const MAX_WRONG_CODES = 10;
const LAST_SEEN_EVERY_MS = 60_000;
/** Channels a workstation may never call: the host's database is set up and unlocked at the host only. */
const HOST_ONLY = new Set(['app:setup', 'app:unlock']);

/** The port enrollment listens on: the next one after the data port. */
export function enrollmentPort(port: number): number {
  return port + 1;
}

export type DataHost = {
  /** Turns the listener on at this address and port (the first time, makes the CA); audited. */
  listen: (actor: Actor | null, address: string, port: number) => Promise<Listener>;
  stop: (actor: Actor | null) => Promise<Listener | null>;
  /** After the database opens: starts the listener again if it was on. */
  resume: () => Promise<void>;
  /** Closes the sockets (the database is closing), keeps the setting. */
  shutdown: () => Promise<void>;
  listener: () => Listener | null;
  status: () => DeskStatus;
  addWorkstation: (actor: Actor | null) => { address: string; port: number; fingerprint: { sha256: string; groups: string[] }; code: string; expiresAt: string };
  list: () => WorkstationRow[];
  rename: (actor: Actor | null, id: number, name: string) => WorkstationRow;
  /** Revokes a desk: its sockets and sessions end at once, and the listener's revocation list names its certificate before this resolves. */
  revoke: (actor: Actor | null, id: number) => Promise<WorkstationRow>;
  answers: () => AnswerLog | null;
  /** The bound ports (tests: port 0 picks free ones). */
  ports: () => { data: number; enrollment: number } | null;
};

type Running = { data: Server; enrollment: Server; row: HostRow; dataPort: number; enrollmentPort: number; dataContext: SecureContextOptions };

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

const fingerprints = new WeakMap<TLSSocket, string | null>();

/** The SHA-256 of the certificate the peer proved at the handshake (worked out once per connection). */
function peerFingerprint(socket: TLSSocket): string | null {
  if (fingerprints.has(socket)) return fingerprints.get(socket)!;
  const cert = socket.getPeerCertificate();
  const fingerprint = cert && cert.raw ? fingerprintOf(cert.raw).sha256 : null;
  fingerprints.set(socket, fingerprint);
  return fingerprint;
}

/**
 * The data host: the same router behind an HTTPS listener (TLS 1.3 only, a client certificate signed
 * by the institution's CA required at the handshake), and a second port, next to it, that only takes
 * enrollment requests (a certificate request and a one-time code) from desks not yet enrolled.
 */
/** A change as sent to a workstation: `page` names its own page that made it (null: another desk, or the host). */
export type DeskChange = Omit<PublishedChange, 'origin'> & { mine: false; page: string | null };

/**
 * The host's change feed as one workstation sees it: a change is sent only while someone is signed in
 * at that desk (its pages' sessions are on this host), the origin is reduced to the desk's own page id
 * (another desk's page ids are not told), and the workstation works out `mine` for its pages.
 */
export function deskChangeFeed(feed: ChangeFeed, sessions: Pick<SessionStore, 'signedInAt'>, workstationId: number): ChangeFeed {
  const prefix = `ws:${workstationId}:`;
  const signedIn = () => sessions.signedInAt(workstationId);
  const toDesk = (change: PublishedChange): DeskChange => {
    const { origin, ...rest } = change;
    return { ...rest, mine: false, page: origin.startsWith(prefix) ? origin.slice(prefix.length) : null };
  };
  return {
    ...feed,
    publish: () => {
      throw new Error('a workstation does not publish on the host');
    },
    subscribe: (_connection, sink) =>
      feed.watch((change) => {
        if (signedIn()) sink(toDesk(change));
      }),
    since: (after) => {
      if (!signedIn()) return [];
      const kept = feed.keptSince(after);
      return kept === null ? null : kept.map(toDesk);
    },
  };
}

export function createDataHost(core: AppCore, sessions: SessionStore, router: () => Router, events?: ChangeFeed): DataHost {
  let running: Running | null = null;
  let problem: string | null = null;
  let active = new Map<string, number>();
  const sockets = new Map<number, Set<TLSSocket>>();
  const lastSeen = new Map<number, number>();
  /** When wrong codes came, within the last code lifetime. */
  let wrongCodes: number[] = [];
  let answers: { sqlite: unknown; log: AnswerLog } | null = null;

  const sqlite = () => {
    const opened = core.opened();
    if (!opened) throw new AppError('not_ready', '数据库尚未打开');
    return opened.sqlite;
  };
  const clock = () => core.context(null).clock;

  const refreshActive = () => {
    active = activeWorkstations(sqlite());
  };

  /** Ends a revoked workstation's sockets and sessions at once. */
  const cut = (workstationId: number) => {
    for (const socket of sockets.get(workstationId) ?? []) socket.destroy();
    sockets.delete(workstationId);
    sessions.endWorkstation(workstationId);
  };

  const toListener = (row: HostRow | null): Listener | null =>
    row
      ? {
          address: row.address,
          port: row.port,
          listening: running !== null,
          problem,
          fingerprint: fingerprintOf(row.server_cert),
        }
      : null;

  async function handleRpc(req: IncomingMessage, res: ServerResponse, workstationId: number): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://host');
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
    let input: unknown = null;
    try {
      const body = await readBody(req, MAX_BODY);
      input = body.length > 0 ? JSON.parse(body) : null;
    } catch {
      return sendJson(res, 200, { ok: false, error: { code: 'invalid_input', message: '请求格式无效', field: '(input)' } });
    }
    if (url.pathname === '/witness') {
      const witness = input as AuditHead;
      if (!witness || typeof witness.count !== 'number' || typeof witness.hash !== 'string' || !Number.isInteger(witness.count) || witness.count < 0) {
        return sendJson(res, 400, { error: 'bad witness' });
      }
      const result = withOrigin({ workstationId }, () => {
        const check = checkAuditWitness(sqlite(), { count: witness.count, hash: witness.hash.slice(0, 64) });
        if (!check.ok) {
          const ctx = core.context(null);
          ctx.sqlite.transaction(() => appendAudit(ctx, { action: 'desk.witnessAlarm', entity: 'workstation', entityId: workstationId, detail: { reason: check.reason, seen: witness, shown: check.head } })).immediate();
        }
        return check;
      });
      return sendJson(res, 200, result);
    }
    if (!url.pathname.startsWith('/rpc/')) return sendJson(res, 404, { error: 'not found' });
    const client = req.headers['x-tonghu-client'];
    if (typeof client !== 'string' || !/^[\w-]{8,64}$/.test(client)) return sendJson(res, 400, { error: 'bad client id' });
    const requestId = req.headers['x-tonghu-request'];
    if (requestId !== undefined && (typeof requestId !== 'string' || !/^[\w-]{8,64}$/.test(requestId))) return sendJson(res, 400, { error: 'bad request id' });
    const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length));
    let result: Result<unknown>;
    if (HOST_ONLY.has(channel)) {
      result = { ok: false, error: { code: 'forbidden', message: '此操作只能在数据主机上进行' } };
    } else {
      // The session is bound to the certificate: the connection key names the workstation it proved to be.
      const connection = `ws:${workstationId}:${client}`;
      result = await withOrigin({ workstationId }, () =>
        router().dispatch(connection, channel, input, typeof requestId === 'string' ? { requestId, scope: workstationId } : undefined),
      );
    }
    sendJson(res, 200, result);
  }

  async function handleEnroll(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://host');
    if (req.method !== 'POST' || url.pathname !== '/enroll') return sendJson(res, 404, { error: 'not found' });
    let body: { code?: unknown; csr?: unknown; name?: unknown };
    try {
      body = JSON.parse(await readBody(req, MAX_ENROLL_BODY)) as typeof body;
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: '请求格式无效' } });
    }
    const { code, csr, name } = body;
    if (typeof code !== 'string' || typeof csr !== 'string' || typeof name !== 'string' || name.trim().length === 0 || name.length > 40 || code.length > 32) {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: '请求格式无效' } });
    }
    const row = running?.row;
    if (!row) return sendJson(res, 503, { ok: false, error: { code: 'not_ready', message: '数据主机未开启' } });
    const ctx = core.context(null);
    let claimed: { workstationId: number };
    try {
      claimed = claimCode(ctx, code, name.trim());
    } catch (error) {
      const now = clock().now().getTime();
      wrongCodes = [...wrongCodes.filter((at) => now - at < CODE_MINUTES * 60_000), now];
      if (wrongCodes.length >= MAX_WRONG_CODES) {
        wrongCodes = [];
        voidOpenCodes(ctx, 'too many wrong codes');
      }
      const shape = error instanceof AppError ? error.toShape() : { code: 'internal', message: '内部错误' };
      return sendJson(res, 200, { ok: false, error: shape });
    }
    try {
      const signed = await signWorkstationRequest({ certPem: row.ca_cert, keyPem: row.ca_key }, csr, claimed.workstationId, clock().now());
      completeEnrollment(ctx, claimed.workstationId, signed.fingerprint, signed.serial);
      refreshActive();
      return sendJson(res, 200, { ok: true, value: { workstationId: claimed.workstationId, name: name.trim(), certPem: signed.certPem, caPem: row.ca_cert } });
    } catch (error) {
      failEnrollment(ctx, claimed.workstationId);
      log.warn('enrollment failed', { message: String((error as Error)?.message ?? error).slice(0, 120) });
      return sendJson(res, 200, { ok: false, error: { code: 'invalid_input', message: '证书请求无效', field: 'csr' } });
    }
  }

  function revocationList(row: HostRow): Promise<string> {
    return createRevocationList({ certPem: row.ca_cert, keyPem: row.ca_key }, revokedCertificates(sqlite()), clock().now());
  }

  /** Puts a fresh revocation list into the running listener: new handshakes see it at once, open connections are cut by `cut`. */
  async function applyRevocations(): Promise<void> {
    const r = running;
    if (!r) return;
    const dataContext = { ...r.dataContext, crl: [await revocationList(r.row)] };
    if (running !== r) return;
    r.data.setSecureContext(dataContext);
    r.dataContext = dataContext;
  }

  function handleStanding(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket as TLSSocket;
    const cert = socket.getPeerCertificate();
    const fingerprint = cert && cert.raw ? fingerprintOf(cert.raw).sha256 : null;
    let revoked = false;
    try {
      revoked = fingerprint !== null && isRevokedFingerprint(sqlite(), fingerprint);
    } catch {
      revoked = false;
    }
    req.resume();
    sendJson(res, 200, { revoked });
  }

  // Starts and stops run one after another (a resume at start-up and an administrator's change must not race for the port).
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  }

  function start(row: HostRow): Promise<void> {
    return serially(() => startNow(row));
  }

  async function startNow(row: HostRow): Promise<void> {
    await closeServers();
    refreshActive();
    const tlsBase = { key: row.server_key, cert: row.server_cert, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } as const;
    // Revocation inside the handshake: the CA's list of revoked serials, made from the stored revocations at every start.
    const dataContext = { ...tlsBase, ca: [row.ca_cert], crl: [await revocationList(row)] };
    const data = createServer({ ...dataContext, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const socket = req.socket as TLSSocket;
      const fingerprint = peerFingerprint(socket);
      const workstationId = fingerprint ? active.get(fingerprint) : undefined;
      if (!socket.authorized || workstationId === undefined) {
        // Signed by our CA but revoked (or never finished enrolling): nothing is served; the desk is told why.
        res.on('finish', () => socket.destroy());
        return sendJson(res, 403, { ok: false, error: { code: 'workstation_revoked', message: '本工作站已被管理员撤销，不能再连接数据主机' } });
      }
      const now = Date.now();
      if (now - (lastSeen.get(workstationId) ?? 0) > LAST_SEEN_EVERY_MS) {
        lastSeen.set(workstationId, now);
        try {
          touchWorkstation(sqlite(), workstationId, clock().now().toISOString());
        } catch {
          // last-seen is bookkeeping; a busy moment must not fail the request
        }
      }
      if ((req.url ?? '').startsWith('/events?') || req.url === '/events') {
        // The change feed (issue 19.4) for this desk's pages; the certificate is the credential, no page token.
        const url = new URL(req.url ?? '/', 'https://host');
        return serveChangeEvents({ events: events ? deskChangeFeed(events, sessions, workstationId) : undefined }, req, res, url, () => true, (client) => `ws:${workstationId}:${client}`);
      }
      void handleRpc(req, res, workstationId).catch((error: unknown) => {
        log.error('request failed', { message: String((error as Error)?.message ?? error).slice(0, 200) });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      });
    });
    // A second line behind the revocation list: a certificate the CA signed that is not an active desk
    // (revoked a moment ago while its list was being signed, or never finished enrolling) is answered
    // `workstation_revoked` on its first request and cut.
    data.on('secureConnection', (socket: TLSSocket) => {
      const fingerprint = peerFingerprint(socket);
      const workstationId = fingerprint ? active.get(fingerprint) : undefined;
      if (workstationId === undefined) {
        // Refused: the first request on this connection is answered 'workstation_revoked' and the connection closed.
        setTimeout(() => socket.destroy(), 2_000).unref();
        return;
      }
      let set = sockets.get(workstationId);
      if (!set) sockets.set(workstationId, (set = new Set()));
      set.add(socket);
      socket.once('close', () => set.delete(socket));
    });
    data.on('tlsClientError', () => undefined);
    // A client certificate is asked for here but never required, and enrollment never looks at it (a
    // code and a request are all it takes). It serves one other purpose: a desk refused at the data
    // port's handshake may ask, with its certificate, whether it was revoked (`/standing`), so it can
    // say so instead of "host unreachable". Only the holder of the certificate's key learns the answer.
    const enrollment = createServer({ ...tlsBase, ca: [row.ca_cert], requestCert: true, rejectUnauthorized: false }, (req, res) => {
      if (req.url === '/standing') return handleStanding(req, res);
      void handleEnroll(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      });
    });
    enrollment.on('tlsClientError', () => undefined);
    const port = row.port;
    const listenOn = (server: Server, p: number) =>
      new Promise<number>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(p, row.address, () => {
          server.off('error', reject);
          resolveListen((server.address() as AddressInfo).port);
        });
      });
    try {
      const dataPort = await listenOn(data, port);
      const enrollPort = await listenOn(enrollment, enrollmentPort(port));
      running = { data, enrollment, row, dataPort, enrollmentPort: enrollPort, dataContext };
      problem = null;
      log.info('listening', { port: dataPort });
    } catch (error) {
      data.close();
      enrollment.close();
      const code = (error as NodeJS.ErrnoException).code;
      problem = code === 'EADDRINUSE' ? `端口 ${port} 或 ${port + 1} 已被占用` : code === 'EADDRNOTAVAIL' ? `地址 ${row.address} 不属于这台电脑` : `无法开启监听（${code ?? 'error'}）`;
      throw new AppError('invalid_input', problem, { field: code === 'EADDRNOTAVAIL' ? 'address' : 'port' });
    }
  }

  async function closeServers(): Promise<void> {
    const r = running;
    running = null;
    if (!r) return;
    for (const set of sockets.values()) for (const s of set) s.destroy();
    sockets.clear();
    await Promise.all(
      [r.data, r.enrollment].map(
        (server) =>
          new Promise<void>((resolveClose) => {
            server.closeAllConnections();
            server.close(() => resolveClose());
          }),
      ),
    );
  }

  return {
    listen: async (actor, address, port) => {
      const ctx = core.context(actor);
      const existing = hostRow(ctx.sqlite);
      const now = ctx.clock.now();
      let row: HostRow;
      if (!existing) {
        const ca = await createInstitutionCa(core.institutionName() ?? '', now);
        const server = await createServerCertificate(ca, address, now);
        row = { address, port, listening: 1, ca_cert: ca.certPem, ca_key: ca.keyPem, server_cert: server.certPem, server_key: server.keyPem };
      } else if (existing.address !== address) {
        const server = await createServerCertificate({ certPem: existing.ca_cert, keyPem: existing.ca_key }, address, now);
        row = { ...existing, address, port, listening: 1, server_cert: server.certPem, server_key: server.keyPem };
      } else {
        row = { ...existing, port, listening: 1 };
      }
      await start(row);
      saveHostRow(ctx, row, !existing);
      return toListener(row)!;
    },
    stop: async (actor) => {
      await serially(closeServers);
      const ctx = core.context(actor);
      if (hostRow(ctx.sqlite)) setListening(ctx, false);
      return toListener(hostRow(ctx.sqlite));
    },
    resume: async () => {
      const opened = core.opened();
      if (!opened) return;
      const row = hostRow(opened.sqlite);
      if (!row || row.listening !== 1 || running?.row.server_cert === row.server_cert) return;
      try {
        await start(row);
      } catch (error) {
        log.error('listener did not start', { message: String((error as Error)?.message ?? error).slice(0, 200) });
      }
    },
    shutdown: () => serially(closeServers),
    listener: () => {
      const opened = core.opened();
      return opened ? toListener(hostRow(opened.sqlite)) : null;
    },
    status: () => {
      const opened = core.opened();
      const row = opened ? hostRow(opened.sqlite) : null;
      return {
        mode: row && row.listening === 1 ? 'dataHost' : 'standalone',
        listener: toListener(row),
        enrolled: false,
        workstationName: null,
        hostAddress: null,
        hostReachable: true,
        revoked: false,
        witnessAlarm: null,
      };
    },
    addWorkstation: (actor) => {
      if (!running) throw new AppError('not_ready', '请先开启数据主机（监听地址和端口）');
      const { code, expiresAt } = issueCode(core.context(actor));
      return { address: running.row.address, port: running.dataPort, fingerprint: fingerprintOf(running.row.server_cert), code, expiresAt };
    },
    list: () => listWorkstations(sqlite()),
    rename: (actor, id, name) => renameWorkstation(core.context(actor), id, name),
    revoke: async (actor, id) => {
      const row = revokeWorkstation(core.context(actor), id);
      refreshActive();
      cut(id);
      await serially(applyRevocations);
      return row;
    },
    answers: () => {
      const opened = core.opened();
      if (!opened) return null;
      if (answers?.sqlite !== opened.sqlite) answers = { sqlite: opened.sqlite, log: answerStore(opened.sqlite, () => clock().now()) };
      return answers.log;
    },
    ports: () => (running ? { data: running.dataPort, enrollment: running.enrollmentPort } : null),
  };
}

/** A fresh client id for a workstation's page (one per window). */
export function newClientId(): string {
  return randomUUID();
}
