import { type Server, Socket, createServer } from 'node:net';
import type { AppHost } from '../../../electron/host/app-host';
import { WorkstationClient } from '../../../electron/host/workstation/client';
import { enrollWorkstation } from '../../../electron/host/workstation/enroll';
import type { WorkstationIdentity } from '../../../electron/host/workstation/identity';
import { ok } from './host';

type Ticket = { address: string; port: number; fingerprint: { sha256: string; groups: string[] }; code: string; expiresAt: string };

/** The administrator on `connection` makes an enrollment code. */
export async function addWorkstation(host: AppHost, connection = 'c1'): Promise<Ticket> {
  return ok<Ticket>(await host.router.dispatch(connection, 'desks:addWorkstation', null));
}

/** A code made at the host, and a desk enrolled with it. */
export async function enrollDesk(host: AppHost, name: string, connection = 'c1'): Promise<WorkstationIdentity> {
  const ticket = await addWorkstation(host, connection);
  return enrollWorkstation({ host: `${ticket.address}:${ticket.port}`, code: ticket.code, name, fingerprint: ticket.fingerprint.sha256 });
}

export function clientOf(identity: WorkstationIdentity, options: { hostUrl?: string; retryForMs?: number } = {}): WorkstationClient {
  return new WorkstationClient({
    hostUrl: options.hostUrl ?? identity.hostUrl,
    certPem: identity.certPem,
    keyPem: identity.keyPem,
    caPem: identity.caPem,
    retryForMs: options.retryForMs ?? 20_000,
  });
}

/**
 * A TCP relay between a desk and the host. After `dropNextAnswer`, the first bytes the host sends on a
 * connection after the desk has sent something more on it (the answer to the request) are dropped and
 * both sides cut: the write reached the host, its answer never reached the desk. `then` runs at that moment.
 */
export async function relay(
  targetPort: number,
  listenPort: number,
): Promise<{ port: number; dropNextAnswer: (then?: () => void) => void; dropNextRequest: (then?: () => void) => void; dropped: () => boolean; close: () => Promise<void> }> {
  let drop: (() => void) | null = null;
  let dropRequest: (() => void) | null = null;
  let didDrop = false;
  const sent = new Map<Socket, number>();
  const sentAtArm = new Map<Socket, number>();
  const server: Server = createServer((inbound) => {
    const outbound = new Socket();
    sent.set(inbound, 0);
    outbound.connect(targetPort, '127.0.0.1');
    inbound.on('data', (d: Buffer) => {
      if (dropRequest && outbound.readyState === 'open') {
        // The request never reaches the host: both sides are cut before it is passed on.
        const then = dropRequest;
        dropRequest = null;
        didDrop = true;
        inbound.destroy();
        outbound.destroy();
        then();
        return;
      }
      sent.set(inbound, (sent.get(inbound) ?? 0) + d.length);
      outbound.write(d);
    });
    outbound.on('data', (d: Buffer) => {
      if (drop && sentAtArm.has(inbound) && (sent.get(inbound) ?? 0) > sentAtArm.get(inbound)!) {
        const then = drop;
        drop = null;
        didDrop = true;
        inbound.destroy();
        outbound.destroy();
        then();
        return;
      }
      inbound.write(d);
    });
    const end = () => {
      sent.delete(inbound);
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', end);
    outbound.on('error', end);
    inbound.on('close', end);
    outbound.on('close', end);
  });
  await new Promise<void>((r) => server.listen(listenPort, '127.0.0.1', () => r()));
  return {
    port: listenPort,
    dropNextAnswer: (then = () => undefined) => {
      for (const [socket, n] of sent) sentAtArm.set(socket, n);
      drop = then;
    },
    /** The next bytes a desk sends on an established connection (a request) are dropped and both sides cut; `then` runs at that moment. */
    dropNextRequest: (then = () => undefined) => {
      dropRequest = then;
    },
    dropped: () => didDrop,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sent.keys()) s.destroy();
        server.close(() => r());
      }),
  };
}
