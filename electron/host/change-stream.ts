/**
 * The change feed over HTTP as server-sent events (issue 19.4), shared by the browser host (pages on
 * 127.0.0.1) and the data host (workstations over mutual TLS). Kept apart from browser-host.ts so the
 * packaged main process, which serves the data host, never includes the browser host.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../../shared/contract/errors';
import type { ChangeFeed } from './events';

/** An answer in the contract's closed error shape `{ ok: false, error: { code, message } }`, with its HTTP status. */
function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ ok: false, error: { code, message } }));
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
  app: { events?: ChangeFeed },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tokenOk: (given: string) => boolean,
  /** The router's connection for a page's client id (the data host binds it to the workstation too). */
  connectionOf: (client: string) => string = (client) => `host:${client}`,
): void {
  if (req.method !== 'GET') return sendError(res, 405, 'invalid_input', '请求方式无效');
  const given = url.searchParams.get('token');
  if (given === null || !tokenOk(given)) return sendError(res, 401, 'unauthenticated', '页面已过期，请刷新页面');
  const client = url.searchParams.get('client');
  if (client === null || !/^[\w-]{8,64}$/.test(client)) return sendError(res, 400, 'invalid_input', '请求缺少有效的客户端标识');
  const events = app.events;
  if (!events) return sendError(res, 404, 'not_found', '此处没有变更通知');
  const connection = connectionOf(client);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write('retry: 2000\n\n');
  // Event ids are `<run>:<seq>`: the seq counts from 0 again whenever the host starts, so the run says
  // which count a reconnecting stream's Last-Event-ID belongs to.
  const run = events.runId();
  const idOf = (seq: number) => `${run}:${seq}`;
  const write = (event: { seq: number }) => res.write(`id: ${idOf(event.seq)}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`);
  const last = parseEventId(req.headers['last-event-id'] ?? url.searchParams.get('after'));
  if (last !== null) {
    // Another run (the host restarted since), an id without its run, or a seq beyond this run's: what the
    // page knew may be stale, and what it missed cannot be told apart, so a reset (the page reads everything again).
    const missed = last.run !== run || last.seq > events.lastSeq() ? null : events.since(last.seq, connection);
    if (missed === null) res.write(`id: ${idOf(events.lastSeq())}\nevent: reset\ndata: {}\n\n`);
    else for (const event of missed) write(event);
  } else {
    // An id with no data sets the stream's last event id without an event: a drop before the first
    // change is then caught up too (the reconnect carries Last-Event-ID).
    res.write(`id: ${idOf(events.lastSeq())}\n\n`);
  }
  const unsubscribe = events.subscribe(connection, write);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
}


/** A stream's last event id, `<run>:<seq>`; a bare seq (no run) is read with an unknown run; anything else is no id. */
export function parseEventId(value: string | string[] | null | undefined): { run: string | null; seq: number } | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:([\w-]{1,64}):)?(\d{1,15})$/.exec(value.trim());
  if (!m) return null;
  return { run: m[1] ?? null, seq: Number(m[2]) };
}
