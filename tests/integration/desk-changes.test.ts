/**
 * The change feed across desks (issue 19.4): the data host streams its changes to enrolled
 * workstations over mutual TLS; a workstation publishes them again for its own pages (marked `mine`
 * for the page that made the change); after a dropped stream the missed changes arrive, or a reset.
 * All on loopback, ports 42010–42029.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { startBrowserHost } from '../../electron/host/browser-host';
import type { ChangeWatch, DeskChange, WorkstationClient } from '../../electron/host/workstation/client';
import { type WorkstationHost, createWorkstationHost } from '../../electron/host/workstation/workstation-host';
import { createInstallDispatch } from '../../electron/host/workstation/install-dispatch';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import { makeIdNumber } from '../../shared/domain/id-number';
import type { ChangeEvent } from '../../shared/contract/events';
import { tempDir } from '../helpers/temp-db';
import { addWorkstation, clientOf, enrollDesk, relay } from './support/desks';
import { ADMIN, PASSPHRASE, makeHost, ok, setupAndLogin } from './support/host';

const PORT = 42010;
const RELAY_PORT = 42020;
let root: { dir: string; cleanup: () => void };
let host: AppHost;
const desks: WorkstationHost[] = [];
const clients: WorkstationClient[] = [];
const watches: ChangeWatch[] = [];
const webs: Awaited<ReturnType<typeof startBrowserHost>>[] = [];

/** Waits (bounded) until `done` holds. */
async function until(what: string, done: () => boolean, ms = 8_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A workstation install enrolled through its own page, as staff do it. */
async function workstation(name: string): Promise<WorkstationHost> {
  const desk = createWorkstationHost({ dataDir: `${root.dir}/${name}`, sealer: passphraseSealer(PASSPHRASE) });
  desks.push(desk);
  const ticket = await addWorkstation(host);
  ok(await desk.dispatch('setup-page', 'desks:enroll', { host: `127.0.0.1:${PORT}`, code: ticket.code, name, fingerprint: ticket.fingerprint.sha256 }));
  return desk;
}

let n = 0;
function newChild(name: string) {
  n += 1;
  const birth = `2015-03-${String(10 + n).padStart(2, '0')}`;
  return { name, sex: 'female', birthDate: birth, idNumber: makeIdNumber('310104', birth, 40 + n, 'female') };
}

beforeAll(async () => {
  root = tempDir('tonghu-desk-changes-');
  host = makeHost(`${root.dir}/host`);
  await setupAndLogin(host, 'c1');
  ok(await host.router.dispatch('c1', 'desks:listen', { address: '127.0.0.1', port: PORT }));
}, 60_000);

afterAll(async () => {
  for (const w of webs) await w.close();
  for (const w of watches) w.stop();
  for (const d of desks) d.close();
  for (const c of clients) c.close();
  await host?.desks.shutdown();
  host?.close();
  root?.cleanup();
});

describe('changes reach other desks', () => {
  it('a write at workstation A reaches a signed-in page at workstation B, and is marked as its own only at the page that made it', async () => {
    const a = await workstation('甲工作站');
    const b = await workstation('乙工作站');
    // The local connections a browser host would use for each page.
    ok(await a.dispatch('host:page-a-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    ok(await a.dispatch('host:page-a-0002', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    ok(await b.dispatch('host:page-b-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    const atA: ChangeEvent[] = [];
    const atA2: ChangeEvent[] = [];
    const atB: ChangeEvent[] = [];
    const notSignedIn: ChangeEvent[] = [];
    a.events.subscribe('host:page-a-0001', (e) => atA.push(e));
    a.events.subscribe('host:page-a-0002', (e) => atA2.push(e));
    b.events.subscribe('host:page-b-0001', (e) => atB.push(e));
    b.events.subscribe('host:page-b-never', (e) => notSignedIn.push(e));
    await until('both desks streaming', () => a.changeStream()!.connected() && b.changeStream()!.connected());

    const created = ok<{ id: number }>(await a.dispatch('host:page-a-0001', 'children:create', newChild('甲录入的儿童')));
    await until('the change at desk B', () => atB.some((e) => e.childIds.includes(created.id)));
    const seen = atB.find((e) => e.childIds.includes(created.id))!;
    expect(seen).toMatchObject({ channel: 'children:create', by: '管理员', mine: false });
    await until('the change at desk A', () => atA.some((e) => e.childIds.includes(created.id)) && atA2.some((e) => e.childIds.includes(created.id)));
    expect(atA.find((e) => e.childIds.includes(created.id))!.mine).toBe(true);
    expect(atA2.find((e) => e.childIds.includes(created.id))!.mine).toBe(false);
    expect(notSignedIn).toHaveLength(0);

    // A change at the data host itself reaches the desks too; after signing out, a page is told nothing.
    ok(await b.dispatch('host:page-b-0001', 'auth:logout', null));
    const before = atB.length;
    const other = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('主机录入的儿童')));
    await until('the host change at desk A', () => atA.some((e) => e.childIds.includes(other.id)));
    expect(atA.find((e) => e.childIds.includes(other.id))!.mine).toBe(false);
    expect(atB.length).toBe(before);
  }, 60_000);

  it('the host sends nothing to a desk where nobody is signed in, and names only the desk its own pages', async () => {
    const identity = await enrollDesk(host, '丙工作站');
    const client = clientOf(identity);
    clients.push(client);
    const got: DeskChange[] = [];
    const watch = client.watchChanges('desk-stream-c', { onChange: (e) => got.push(e), onReset: () => undefined });
    watches.push(watch);
    await until('desk C streaming', () => watch.connected());
    const quiet = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('无人时')));
    ok(await client.invoke('page-c-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    const mine = ok<{ id: number }>(await client.invoke('page-c-0001', 'children:create', newChild('丙录入')));
    const theirs = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('主机再录入')));
    await until('both changes at desk C', () => got.some((e) => e.childIds.includes(theirs.id)));
    expect(got.some((e) => e.childIds.includes(quiet.id))).toBe(false);
    expect(got.find((e) => e.childIds.includes(mine.id))!.page).toBe('page-c-0001');
    expect(got.find((e) => e.childIds.includes(theirs.id))!.page).toBeNull();
  }, 60_000);
});

describe('a page at a workstation', () => {
  it('is told through its own /events (the browser host in --connect mode) of a change made at another workstation', async () => {
    const a = await workstation('己工作站');
    const b = await workstation('庚工作站');
    const rendererDir = `${root.dir}/renderer`;
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(`${rendererDir}/index.html`, '<!doctype html><html><head></head><body></body></html>');
    // As browser-host-cli.ts starts it with --connect: the desk's dispatch and its feed.
    const web = await startBrowserHost({ router: { dispatch: b.dispatch }, events: b.events }, { rendererDir, port: 0 });
    webs.push(web);
    const signIn = await fetch(`${web.url}rpc/auth:login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tonghu-token': web.token, 'x-tonghu-client': 'page-web-b-0001' },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    }).then((r) => r.json() as Promise<{ ok: boolean }>);
    expect(signIn.ok).toBe(true);
    const blocks: string[] = [];
    const req = request(`${web.url}events?token=${web.token}&client=page-web-b-0001`, { headers: { accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => blocks.push(chunk));
    });
    req.on('error', () => undefined);
    req.end();
    try {
      ok(await a.dispatch('host:page-a-web-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
      await until('desk B streaming', () => b.changeStream()!.connected() && blocks.length > 0);
      const created = ok<{ id: number }>(await a.dispatch('host:page-a-web-1', 'children:create', newChild('另一台录入')));
      const text = () => blocks.join('');
      await until('the change at the page', () => /event: change\ndata: .*"childIds":\[\d+\]/.test(text()));
      const data = /event: change\ndata: (.*)\n/.exec(text())![1]!;
      expect(JSON.parse(data)).toMatchObject({ channel: 'children:create', childIds: [created.id], mine: false });
    } finally {
      req.destroy();
    }
  }, 60_000);
});

describe('an install enrolled from its first-run page', () => {
  it('gives its pages the data host’s changes through the install’s feed (what the browser host serves)', async () => {
    const fresh = makeHost(`${root.dir}/fresh`);
    const install = createInstallDispatch(fresh, { dataDir: `${root.dir}/fresh`, sealer: passphraseSealer(PASSPHRASE) });
    const got: ChangeEvent[] = [];
    // The page is open (and subscribed) before the desk is enrolled, as on the first-run page.
    const off = install.events.subscribe('host:page-fresh-01', (e) => got.push(e));
    try {
      const ticket = await addWorkstation(host);
      ok(await install.dispatch('host:page-fresh-01', 'desks:enroll', { host: `127.0.0.1:${PORT}`, code: ticket.code, name: '新电脑', fingerprint: ticket.fingerprint.sha256 }));
      ok(await install.dispatch('host:page-fresh-01', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
      await until('the new desk streaming', () => install.workstation()!.changeStream()!.connected());
      const created = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('新电脑能看到')));
      await until('the change at the fresh install’s page', () => got.some((e) => e.childIds.includes(created.id)));
      expect(got.find((e) => e.childIds.includes(created.id))!.mine).toBe(false);
    } finally {
      off();
      install.close();
      fresh.close();
    }
  }, 60_000);
});

describe('a dropped stream', () => {
  it('after the connection to the host drops and comes back, the changes missed meanwhile arrive (Last-Event-ID)', async () => {
    const identity = await enrollDesk(host, '丁工作站');
    let link = await relay(PORT, RELAY_PORT);
    const client = clientOf(identity, { hostUrl: `https://127.0.0.1:${RELAY_PORT}` });
    clients.push(client);
    ok(await client.invoke('page-d-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    const got: DeskChange[] = [];
    let resets = 0;
    const watch = client.watchChanges('desk-stream-d', { onChange: (e) => got.push(e), onReset: () => (resets += 1) });
    watches.push(watch);
    await until('desk D streaming', () => watch.connected());
    const first = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('断线前')));
    await until('the first change', () => got.some((e) => e.childIds.includes(first.id)));

    await link.close();
    await until('the stream to notice the drop', () => !watch.connected());
    const missed = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('断线时')));
    expect(got.some((e) => e.childIds.includes(missed.id))).toBe(false);
    link = await relay(PORT, RELAY_PORT);
    try {
      await until('the missed change after reconnecting', () => got.some((e) => e.childIds.includes(missed.id)));
      expect(resets).toBe(0);
      const seqs = got.map((e) => e.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    } finally {
      watch.stop();
      await link.close();
    }
  }, 60_000);

  it('tells a reset when the host no longer keeps what was missed, and the workstation tells its pages to read everything again', async () => {
    const desk = await workstation('戊工作站');
    ok(await desk.dispatch('host:page-e-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    const got: ChangeEvent[] = [];
    desk.events.subscribe('host:page-e-0001', (e) => got.push(e));
    const stream = desk.changeStream()!;
    await until('desk E streaming', () => stream.connected());
    // Cut the stream and publish more than the host keeps before it can come back.
    stream.drop();
    const lastBefore = stream.lastSeq();
    for (let i = 0; i < 205; i += 1) host.events.publish({ at: new Date().toISOString(), channel: 'settings:update', by: null, byUserId: null, childIds: [], origin: 'test' });
    await until('a reset at the page', () => got.some((e) => e.channel === '*'));
    expect(stream.lastSeq()).toBeGreaterThan(lastBefore + 200);
  }, 60_000);
});

describe('a restart of the data host', () => {
  it('tells the desk’s page a reset when the host has started again (its ids name the run), then the new change', async () => {
    const desk = await workstation('辛工作站');
    ok(await desk.dispatch('host:page-h-0001', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    const got: ChangeEvent[] = [];
    desk.events.subscribe('host:page-h-0001', (e) => got.push(e));
    const stream = desk.changeStream()!;
    await until('desk H streaming', () => stream.connected());
    const before = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('重启前的变更')));
    await until('the change before the restart', () => got.some((e) => e.childIds.includes(before.id)));
    const seenBefore = stream.lastSeq();
    expect(got.some((e) => e.channel === '*')).toBe(false);

    await host.desks.shutdown();
    host.close();
    host = makeHost(`${root.dir}/host`);
    // The new run counts past what the desk saw before its stream is back: by seq alone, the desk would
    // take the new run's changes for the ones it missed of the old run.
    for (let i = 0; i <= seenBefore + 3; i += 1) host.events.publish({ at: new Date().toISOString(), channel: 'settings:update', by: null, byUserId: null, childIds: [], origin: 'test' });
    await until('the listener back', () => host.desks.ports() !== null);
    ok(await host.router.dispatch('c1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    await until('a reset at the page', () => got.some((e) => e.channel === '*'), 15_000);
    await until('desk H streaming again', () => stream.connected(), 15_000);
    const after = ok<{ id: number }>(await host.router.dispatch('c1', 'children:create', newChild('重启后的变更')));
    await until('the change after the restart', () => got.some((e) => e.childIds.includes(after.id)));
    const reset = got.findIndex((e) => e.channel === '*');
    const change = got.findIndex((e) => e.childIds.includes(after.id));
    expect(reset).toBeGreaterThan(-1);
    expect(reset).toBeLessThan(change);
  }, 60_000);
});
