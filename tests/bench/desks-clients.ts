/**
 * The 30 workstations of `npm run bench -- desks` (issue 19, Benchmark), in a process of their own:
 * desks-bench.ts forks this module (tsx, an IPC channel) so that the desks' half of TLS, their reading of
 * every answer and their bookkeeping are not on the data host's thread, as workstations are other
 * computers. Each desk's identity (the certificate and key its enrollment gave it) and page ids come in
 * the `start` message, never through a file; each desk signs in from here, through its own
 * WorkstationClient, so the host binds its sessions (`ws:<desk>:<page id>`) to that desk's certificate
 * and connection. The phases run here and send back their raw samples, long-work runs and write
 * acknowledgements; the bench process computes the figures and checks the writes against its database.
 */
import { performance } from 'node:perf_hooks';
import { WorkstationClient } from '../../electron/host/workstation/client';
import { ADMIN, type Ack, type Desk, type FromClients, type Invoke, ok, type StartClients, type ToClients, humanPhase, round, saturation, signIn } from './desks-load';

if (!process.send) throw new Error('desks-clients.ts is the desks bench\'s child process: run `npm run bench -- desks`');

const send = (message: FromClients) => process.send!(message);
const log = (line: string) => send({ type: 'log', line });

let setup: StartClients | null = null;
let desks: Desk[] = [];

const closeAll = () => {
  for (const d of desks) d.close();
  desks = [];
};

/** Builds a client per desk and signs each page in as its person, from this process, over its own certificate. */
async function start(message: StartClients): Promise<FromClients> {
  setup = message;
  const t0 = performance.now();
  for (const [i, identity] of message.desks.entries()) {
    const client = new WorkstationClient({ hostUrl: identity.hostUrl, certPem: identity.certPem, keyPem: identity.keyPem, caPem: identity.caPem, retryForMs: 60_000 });
    const invoke: Invoke = (channel, input) => client.invoke(identity.page, channel, input);
    desks.push({ name: `desk${i + 1}`, invoke, admin: null, close: () => client.close() });
    await signIn(invoke, identity.username);
    if (identity.adminPage !== null) {
      const adminPage = identity.adminPage;
      const admin: Invoke = (channel, input) => client.invoke(adminPage, channel, input);
      ok(await admin('auth:login', ADMIN));
      desks[i]!.admin = admin;
    }
  }
  // A short warm-up (not counted): the first reads of the day fill the host's memos.
  const warm = desks[2] ?? desks[0]!;
  await warm.invoke('worklist:get', {});
  await warm.invoke('children:list', { query: message.pools.searches[0], limit: 100 });
  return { type: 'ready', signInS: round((performance.now() - t0) / 1000) };
}

async function handle(message: ToClients): Promise<FromClients | null> {
  if (message.type === 'start') return start(message);
  if (message.type === 'stop') {
    closeAll();
    process.disconnect();
    return null;
  }
  if (!setup) throw new Error(`"${message.type}" before "start"`);
  const acks: Ack[] = [];
  if (message.type === 'human') {
    const run = await humanPhase(desks, setup.pools, message.seconds, message.seed, setup.runId, message.label, setup.today, acks, log);
    return { type: 'human', samples: run.samples, long: run.long, acks };
  }
  const figures = await saturation(desks, setup.pools, message.stepSeconds, message.seed, setup.runId, setup.today, acks, log);
  return { type: 'saturation', figures, acks };
}

process.on('message', (message: ToClients) => {
  handle(message).then(
    (answer) => {
      if (answer) send(answer);
    },
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      closeAll();
      // Told to the bench process, then this process ends with a failure code.
      process.send!({ type: 'failed', message: text } satisfies FromClients, undefined, undefined, () => process.exit(1));
    },
  );
});

// The bench process gone (ended, or killed): the desks end with it, never left behind.
process.on('disconnect', () => {
  closeAll();
  process.exit(0);
});
