import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { WitnessAlarm } from '../../../shared/contract/desks';
import type { Result } from '../../../shared/contract/errors';
import { channelKind } from '../../../shared/contract/channel-kinds';
import { parseEventId } from '../change-stream';
import type { AuditHead, WitnessCheck } from '../../services/audit/witness';
import type { ChangeEvent } from '../../../shared/contract/events';

/** A change as the data host sends it to this desk: `page` is this desk's page that made it, if one did. */
export type DeskChange = ChangeEvent & { page: string | null };

export type ChangeWatch = {
  /** The seq of the last event received from the host (0 before any). */
  lastSeq: () => number;
  /** Whether the stream is open now. */
  connected: () => boolean;
  /** Cuts the open stream (tests: a dropped connection); it reconnects by itself after the wait. */
  drop: () => void;
  stop: () => void;
};

export type WorkstationClientOptions = {
  /** `https://address:port` of the data host. */
  hostUrl: string;
  certPem: string;
  keyPem: string;
  caPem: string;
  /** How long a request is retried while the host cannot be reached (default 10 minutes; the host keeps answers an hour). */
  retryForMs?: number;
  /** One attempt's limit (default 2 minutes: long exports run on the host). */
  attemptTimeoutMs?: number;
  /** Where this desk's witness of the audit chain is kept (absent: not kept, the bench). */
  witness?: { load: () => AuditHead | null; save: (head: AuditHead) => void; raise: (alarm: WitnessAlarm) => void; alarm: () => WitnessAlarm | null };
  /** Told when the host becomes unreachable or reachable again (the banner). */
  onReachability?: (reachable: boolean) => void;
  now?: () => Date;
};

type Attempt = { kind: 'answer'; status: number; body: string } | { kind: 'network'; code: string };

const STREAM_SILENCE_MS = 75_000;

const REVOKED: Result<unknown> = { ok: false, error: { code: 'workstation_revoked', message: '本工作站已被管理员撤销，不能再连接数据主机' } };

const GENESIS: AuditHead = { count: 0, hash: '0'.repeat(64) };

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * A workstation's link to its data host: each `invoke` goes over mutual TLS (this desk's certificate,
 * the institution's CA, TLS 1.3 only). A write carries a request id kept across its retries, so a
 * request whose answer was lost is sent again and answered once. Plain Node: the Electron main
 * process, the browser host in `--connect` mode and the bench all use it.
 */
export class WorkstationClient {
  reachable = true;
  revoked = false;
  private readonly agent: Agent;
  private readonly url: URL;
  private readonly options: WorkstationClientOptions;

  constructor(options: WorkstationClientOptions) {
    this.options = options;
    this.url = new URL(options.hostUrl);
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      cert: options.certPem,
      key: options.keyPem,
      ca: [options.caPem],
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      rejectUnauthorized: true,
    });
  }

  private setReachable(value: boolean): void {
    if (this.reachable !== value) {
      this.reachable = value;
      this.options.onReachability?.(value);
    }
  }

  private attempt(path: string, body: string, headers: Record<string, string>): Promise<Attempt> {
    return new Promise((resolveAttempt) => {
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path,
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
          timeout: this.options.attemptTimeoutMs ?? 120_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolveAttempt({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e: NodeJS.ErrnoException) => resolveAttempt({ kind: 'network', code: e.code ?? 'ERESPONSE' }));
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => resolveAttempt({ kind: 'network', code: e.code ?? e.message }));
      req.end(body);
    });
  }

  /** Sends until answered or until the retry time is over; the same request id every time. */
  private async send(path: string, body: string, headers: Record<string, string>): Promise<Result<unknown>> {
    const started = Date.now();
    const limit = this.options.retryForMs ?? 10 * 60_000;
    let wait = 200;
    for (;;) {
      const attempt = await this.attempt(path, body, headers);
      if (attempt.kind === 'answer') {
        this.setReachable(true);
        let parsed: unknown;
        try {
          parsed = JSON.parse(attempt.body);
        } catch {
          parsed = null;
        }
        const result = parsed as Result<unknown> | null;
        if (result && typeof result === 'object' && 'ok' in result) {
          if (!result.ok && result.error?.code === 'workstation_revoked') this.revoked = true;
          return result;
        }
        return { ok: false, error: { code: 'internal', message: `数据主机的回答无法读取（${attempt.status}）` } };
      }
      // Cut before any answer: a dropped network, a host killed mid-request, or this desk's certificate
      // refused in the handshake as revoked. The enrollment port says which, to this certificate's holder.
      if ((attempt.code === 'ECONNRESET' || attempt.code === 'EPIPE') && (await this.standingRevoked())) return REVOKED;
      this.setReachable(false);
      if (Date.now() - started > limit) {
        return { ok: false, error: { code: 'host_unreachable', message: '无法连接数据主机：请求未完成，填写的内容仍在页面上，请稍后再试' } };
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 2_000);
    }
  }

  private lastStanding = 0;

  /** Asks the host's enrollment port, with this desk's certificate, whether it was revoked (at most every 5 s). */
  async standingRevoked(): Promise<boolean> {
    if (this.revoked) return true;
    const now = Date.now();
    if (now - this.lastStanding < 5_000) return false;
    this.lastStanding = now;
    const revoked = await new Promise<boolean>((resolveStanding) => {
      const req = request(
        {
          host: this.url.hostname,
          port: Number(this.url.port) + 1,
          method: 'POST',
          path: '/standing',
          agent: false,
          cert: this.options.certPem,
          key: this.options.keyPem,
          ca: [this.options.caPem],
          minVersion: 'TLSv1.3',
          maxVersion: 'TLSv1.3',
          rejectUnauthorized: true,
          timeout: 10_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c.slice(0, 200)));
          res.on('end', () => {
            try {
              resolveStanding((JSON.parse(text) as { revoked?: unknown }).revoked === true);
            } catch {
              resolveStanding(false);
            }
          });
          res.on('error', () => resolveStanding(false));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolveStanding(false));
      req.end();
    });
    if (revoked) this.revoked = true;
    return revoked;
  }

  /** One request through the host's router; `client` names the page (its sessions are bound to this desk's certificate on the host). */
  async invoke(client: string, channel: string, input: unknown): Promise<Result<unknown>> {
    const headers: Record<string, string> = { 'x-tonghu-client': client };
    const kind = channelKind(channel);
    if (kind === 'write' || kind === 'outside') headers['x-tonghu-request'] = randomUUID();
    return this.send(`/rpc/${encodeURIComponent(channel)}`, JSON.stringify(input === undefined ? null : input), headers);
  }

  /**
   * Shows the host the chain head this desk last saw; the host must extend it. On success the new
   * head is kept; otherwise an alarm is raised and kept (the head is not moved).
   */
  async checkWitness(): Promise<WitnessCheck | null> {
    const w = this.options.witness;
    const seen = w?.load() ?? GENESIS;
    const result = await this.send('/witness', JSON.stringify(seen), {});
    const check = result as unknown as WitnessCheck;
    if (!check || typeof check !== 'object' || !('head' in check)) return null;
    if (check.ok) {
      w?.save(check.head);
    } else {
      w?.raise({ reason: check.reason, at: (this.options.now?.() ?? new Date()).toISOString(), seen, shown: check.head });
    }
    return check;
  }

  /**
   * The data host's change feed (issue 19.4): one long-lived GET of `/events` over the same mutual TLS,
   * read as server-sent events. After a drop it connects again (200 ms doubling to 2 s) with
   * `Last-Event-ID`, so the host sends what was missed, or `reset` (then `onReset`) when it no longer
   * has it. Event ids name the host's run (`<run>:<seq>`): a host that started again since is told as a reset.
   */
  watchChanges(streamId: string, handlers: { onChange: (event: DeskChange) => void; onReset: () => void; onConnected?: (connected: boolean) => void }): ChangeWatch {
    let lastSeq = 0;
    /** The host's run the last id came from (ids are `<run>:<seq>`; the seq starts again with each run). */
    let lastRun: string | null = null;
    let stopped = false;
    let current: ReturnType<typeof request> | null = null;
    let open = false;
    let wait = 200;
    let timer: NodeJS.Timeout | null = null;
    const setOpen = (value: boolean) => {
      if (open !== value) {
        open = value;
        handlers.onConnected?.(value);
      }
    };
    /**
     * Takes an event id's run and seq. A run other than the last one seen means the host started again:
     * what this desk's pages show may be stale and what changed meanwhile is unknown, so they are told to
     * read everything again (unless the host's own `reset` says so already).
     */
    const noteId = (id: string | null, resetSaid: boolean) => {
      const parsed = parseEventId(id);
      if (!parsed) return;
      if (parsed.run !== null && lastRun !== null && parsed.run !== lastRun && !resetSaid) handlers.onReset();
      if (parsed.run !== null) lastRun = parsed.run;
      lastSeq = parsed.seq;
    };
    const dispatchEvent = (kind: string, id: string | null, data: string) => {
      if (kind === 'reset') {
        noteId(id, true);
        handlers.onReset();
        return;
      }
      if (kind !== 'change') return;
      let event: DeskChange;
      try {
        event = JSON.parse(data) as DeskChange;
      } catch {
        return;
      }
      if (typeof event?.seq !== 'number') return;
      noteId(id ?? String(event.seq), false);
      handlers.onChange(event);
    };
    const again = (req: ReturnType<typeof request>) => {
      if (current !== req) return;
      setOpen(false);
      current = null;
      if (stopped) return;
      timer = setTimeout(connect, wait);
      timer.unref();
      wait = Math.min(wait * 2, 2_000);
    };
    const connect = () => {
      timer = null;
      if (stopped) return;
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastRun !== null) headers['last-event-id'] = `${lastRun}:${lastSeq}`;
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method: 'GET',
          path: `/events?token=mtls&client=${encodeURIComponent(streamId)}`,
          // Its own connection: a stream held open must not take one of the request agent's sockets.
          agent: false,
          cert: this.options.certPem,
          key: this.options.keyPem,
          ca: [this.options.caPem],
          minVersion: 'TLSv1.3',
          maxVersion: 'TLSv1.3',
          rejectUnauthorized: true,
          headers,
        },
        (res) => {
          if (res.statusCode !== 200) {
            // Revoked: the host will never serve this desk again, so no more tries.
            if (res.statusCode === 403) {
              this.revoked = true;
              stopped = true;
            }
            res.resume();
            res.on('end', () => again(req));
            return;
          }
          setOpen(true);
          wait = 200;
          res.setEncoding('utf8');
          let buffer = '';
          let kind = 'message';
          let id: string | null = null;
          let data: string[] = [];
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl).replace(/\r$/, '');
              buffer = buffer.slice(nl + 1);
              if (line === '') {
                if (data.length > 0 || kind !== 'message') dispatchEvent(kind, id, data.join('\n'));
                else if (id !== null) noteId(id, false);
                kind = 'message';
                id = null;
                data = [];
              } else if (!line.startsWith(':')) {
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                if (field === 'event') kind = value;
                else if (field === 'data') data.push(value);
                else if (field === 'id') id = value;
              }
            }
          });
          res.on('close', () => again(req));
          res.on('error', () => undefined);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') return again(req);
        // Refused in the handshake? A revoked desk stops asking; anything else connects again.
        void this.standingRevoked().then((revoked) => {
          if (revoked) stopped = true;
          again(req);
        });
      });
      // The host sends a heartbeat comment every 25 s: a stream silent for three of those is dead (a half-open connection).
      req.setTimeout(STREAM_SILENCE_MS, () => req.destroy());
      current = req;
      req.end();
    };
    connect();
    return {
      lastSeq: () => lastSeq,
      connected: () => open,
      drop: () => current?.destroy(),
      stop: () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        const req = current;
        current = null;
        req?.destroy();
        setOpen(false);
      },
    };
  }

  close(): void {
    this.agent.destroy();
  }
}
