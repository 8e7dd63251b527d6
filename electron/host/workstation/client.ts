import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { WitnessAlarm } from '../../../shared/contract/desks';
import type { Result } from '../../../shared/contract/errors';
import { channelKind } from '../../../shared/contract/channel-kinds';
import type { AuditHead, WitnessCheck } from '../../services/audit/witness';

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
      this.setReachable(false);
      if (Date.now() - started > limit) {
        return { ok: false, error: { code: 'host_unreachable', message: '无法连接数据主机：请求未完成，填写的内容仍在页面上，请稍后再试' } };
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 2_000);
    }
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

  close(): void {
    this.agent.destroy();
  }
}
