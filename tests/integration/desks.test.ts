/**
 * Many desks (issue 19, items 1, 2, 3, 6): the data host's listener over mutual TLS 1.3, enrollment
 * with a one-time code and a compared fingerprint, revocation, a client without a certificate or with
 * one from another CA, a write whose answer was lost answered once, audit rows naming the desk, the
 * workstation's witness of the audit chain. All on loopback, ports 41610–41629.
 */
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createInstitutionCa, createWorkstationRequest, signWorkstationRequest } from '../../electron/host/data-host/certs';
import { enrollWorkstation, probeHost } from '../../electron/host/workstation/enroll';
import { WorkstationClient } from '../../electron/host/workstation/client';
import { witnessFiles } from '../../electron/host/workstation/identity';
import { createInstallDispatch } from '../../electron/host/workstation/install-dispatch';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { clientOf, enrollDesk, addWorkstation, relay } from './support/desks';
import { ADMIN, PASSPHRASE, type TestClock, makeHost, ok, setupAndLogin, testClock } from './support/host';

const PORT = 41610;
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let clock: TestClock;
const clients: WorkstationClient[] = [];

const sqlite = () => host.core.opened()!.sqlite;
const count = (sql: string, ...args: unknown[]) => (sqlite().prepare(sql).get(...args) as { n: number }).n;

function track(client: WorkstationClient): WorkstationClient {
  clients.push(client);
  return client;
}

beforeAll(async () => {
  root = tempDir('tonghu-desks-');
  clock = testClock();
  host = makeHost(`${root.dir}/host`, { clock });
  await setupAndLogin(host, 'c1');
  ok(await host.router.dispatch('c1', 'children:create', { name: '单机时的儿童', sex: 'female', birthDate: '2014-05-02', idNumber: makeIdNumber('310104', '2014-05-02', 21, 'female') }));
  ok(await host.router.dispatch('c1', 'desks:listen', { address: '127.0.0.1', port: PORT }));
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await host?.desks.shutdown();
  host?.close();
  root?.cleanup();
});

describe('the data host', () => {
  it('keeps all data when a standalone install becomes the data host, and shows its mode and fingerprint', async () => {
    const status = ok<{ mode: string; listener: { listening: boolean; port: number; fingerprint: { groups: string[] } } }>(await host.router.dispatch('c1', 'desks:status', null));
    expect(status.mode).toBe('dataHost');
    expect(status.listener.listening).toBe(true);
    expect(status.listener.fingerprint.groups).toHaveLength(8);
    expect(count('SELECT count(*) AS n FROM children')).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'desk.caCreated'")).toBe(1);
  });

  it('speaks TLS 1.3 only', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolveTry) => {
      const s = connect({ host: '127.0.0.1', port: PORT + 1, maxVersion: 'TLSv1.2', rejectUnauthorized: false });
      s.once('secureConnect', () => {
        s.destroy();
        resolveTry(null);
      });
      s.once('error', (e) => resolveTry(e));
    });
    expect(error).not.toBeNull();
  });

  it('refuses a client without a certificate at the handshake', async () => {
    const identity = await enrollDesk(host, '无证书测试');
    const outcome = await new Promise<string>((resolveTry) => {
      const req = request({ host: '127.0.0.1', port: PORT, method: 'POST', path: '/rpc/app:status', ca: [identity.caPem], minVersion: 'TLSv1.3', headers: { 'x-tonghu-client': 'abcdefgh1' } }, (res) =>
        resolveTry(`answered ${res.statusCode}`),
      );
      req.on('error', (e: NodeJS.ErrnoException) => resolveTry(e.code ?? e.message));
      req.end('null');
    });
    expect(outcome).toMatch(/CERTIFICATE_REQUIRED|ECONNRESET|socket hang up/);
  });

  it('refuses a client whose certificate another CA signed', async () => {
    const genuine = await enrollDesk(host, '真证书');
    const otherCa = await createInstitutionCa('别的机构', new Date());
    const req = await createWorkstationRequest('冒充');
    const forged = await signWorkstationRequest(otherCa, req.csrPem, 1, new Date());
    const client = track(new WorkstationClient({ hostUrl: genuine.hostUrl, certPem: forged.certPem, keyPem: req.keyPem, caPem: genuine.caPem, retryForMs: 0 }));
    const result = await client.invoke('page-forged-1', 'app:status', null);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('host_unreachable');
  });
});

describe('enrollment', () => {
  it('shows the fingerprint before sending anything; enrolls with the code; the desk signs in and its audit rows name it', async () => {
    const ticket = await addWorkstation(host);
    const seen = await probeHost(`127.0.0.1:${PORT}`);
    expect(seen.sha256).toBe(ticket.fingerprint.sha256);
    expect(seen.groups.join(' ')).toBe(ticket.fingerprint.groups.join(' '));
    const identity = await enrollWorkstation({ host: `127.0.0.1:${PORT}`, code: ticket.code, name: '治疗室一', fingerprint: seen.sha256 });
    const client = track(clientOf(identity));
    ok(await client.invoke('page-therapy-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    const created = ok<{ id: number }>(
      await client.invoke('page-therapy-1', 'children:create', { name: '工作站录入', sex: 'male', birthDate: '2016-01-09', idNumber: makeIdNumber('310104', '2016-01-09', 31, 'male') }),
    );
    const row = sqlite().prepare("SELECT workstation_id FROM audit_log WHERE child_id = ? ORDER BY id LIMIT 1").get(created.id) as { workstation_id: number | null };
    expect(row.workstation_id).toBe(identity.workstationId);
    const login = sqlite().prepare("SELECT workstation_id FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1").get() as { workstation_id: number | null } | undefined;
    if (login) expect(login.workstation_id).toBe(identity.workstationId);
    expect(verifyAuditChain(sqlite()).ok).toBe(true);
    const list = ok<{ id: number; name: string; enrolledBy: string | null; lastSeenAt: string | null }[]>(await host.router.dispatch('c1', 'desks:list', null));
    const mine = list.find((w) => w.id === identity.workstationId)!;
    expect(mine.name).toBe('治疗室一');
    expect(mine.enrolledBy).toBe('管理员');
    expect(mine.lastSeenAt).not.toBeNull();
  });

  it('binds sessions to the desk: another desk using the same page id is not signed in', async () => {
    const a = track(clientOf(await enrollDesk(host, '甲')));
    const b = track(clientOf(await enrollDesk(host, '乙')));
    ok(await a.invoke('shared-page-id-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    ok(await a.invoke('shared-page-id-1', 'children:list', {}));
    const other = await b.invoke('shared-page-id-1', 'children:list', {});
    expect(!other.ok && other.error.code).toBe('unauthenticated');
  });

  it('refuses a wrong code, a used code and an expired one, and makes no workstation for them', async () => {
    const before = count('SELECT count(*) AS n FROM workstations');
    const ticket = await addWorkstation(host);
    const endpoint = `127.0.0.1:${PORT}`;
    await expect(enrollWorkstation({ host: endpoint, code: 'AAAA-BBBB', name: '错码', fingerprint: ticket.fingerprint.sha256 })).rejects.toMatchObject({ code: 'bad_credentials', field: 'code' });
    await enrollWorkstation({ host: endpoint, code: ticket.code, name: '第一次', fingerprint: ticket.fingerprint.sha256 });
    await expect(enrollWorkstation({ host: endpoint, code: ticket.code, name: '第二次', fingerprint: ticket.fingerprint.sha256 })).rejects.toMatchObject({ code: 'bad_credentials' });
    const late = await addWorkstation(host);
    clock.advance(16 * 60_000);
    await expect(enrollWorkstation({ host: endpoint, code: late.code, name: '过期', fingerprint: late.fingerprint.sha256 })).rejects.toMatchObject({ code: 'bad_credentials' });
    // The administrator's own screen locked while the clock moved on: unlock it for the next cases.
    ok(await host.router.dispatch('c1', 'auth:unlockScreen', { password: ADMIN.password }));
    expect(count('SELECT count(*) AS n FROM workstations')).toBe(before + 1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'desk.enrollRefused'")).toBe(3);
  });

  it('sends nothing when the fingerprint the person compared is not the one the host shows', async () => {
    const ticket = await addWorkstation(host);
    const refusedBefore = count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'desk.enroll%'");
    const wrong = ticket.fingerprint.sha256.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(enrollWorkstation({ host: `127.0.0.1:${PORT}`, code: ticket.code, name: '指纹不符', fingerprint: wrong })).rejects.toMatchObject({ code: 'forbidden', field: 'fingerprint' });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'desk.enroll%'")).toBe(refusedBefore);
    // The code was never sent, so it still works once the fingerprint is right.
    await enrollWorkstation({ host: `127.0.0.1:${PORT}`, code: ticket.code, name: '指纹相符', fingerprint: ticket.fingerprint.sha256 });
  });
});

describe('a fresh install', () => {
  it('may enroll from its first-run page instead of being set up, and then keeps no database; an install with data may not', async () => {
    const fresh = makeHost(`${root.dir}/fresh`);
    const install = createInstallDispatch(fresh, { dataDir: `${root.dir}/fresh`, sealer: passphraseSealer(PASSPHRASE) });
    try {
      expect(fresh.core.phase()).toBe('setup');
      const ticket = await addWorkstation(host);
      const seen = ok<{ sha256: string }>(await install.dispatch('p1', 'desks:probe', { host: `127.0.0.1:${PORT}` }));
      expect(seen.sha256).toBe(ticket.fingerprint.sha256);
      ok(await install.dispatch('p1', 'desks:enroll', { host: `127.0.0.1:${PORT}`, code: ticket.code, name: '新电脑', fingerprint: seen.sha256 }));
      const status = ok<{ phase: string; institutionName: string }>(await install.dispatch('p1', 'app:status', null));
      expect(status.phase).toBe('ready');
      expect(status.institutionName).toBe('上海市儿童福利院');
      expect(ok<{ mode: string; enrolled: boolean }>(await install.dispatch('p1', 'desks:status', null))).toMatchObject({ mode: 'workstation', enrolled: true });
      expect(existsSync(`${root.dir}/fresh/tonghu.db`)).toBe(false);
      const kept = readdirSync(`${root.dir}/fresh/workstation`);
      expect(kept).toContain('identity.json');
      expect(kept.filter((f) => !['identity.json', 'witness.json'].includes(f))).toEqual([]);
      expect(readdirSync(`${root.dir}/fresh`).filter((f) => f !== 'workstation' && !f.startsWith('logs'))).toEqual([]);
      // A set-up host asked to enroll refuses: it keeps its own data.
      const refused = await host.router.dispatch('c1', 'desks:enroll', { host: `127.0.0.1:${PORT}`, code: 'AAAA-BBBB', name: '不行', fingerprint: seen.sha256 });
      expect(!refused.ok && refused.error.code).toBe('forbidden');
    } finally {
      install.close();
      fresh.close();
    }
  });
});

describe('guessing codes', () => {
  it('voids every open code after ten wrong ones', async () => {
    const ticket = await addWorkstation(host);
    const endpoint = `127.0.0.1:${PORT}`;
    for (let i = 0; i < 10; i += 1) {
      await expect(enrollWorkstation({ host: endpoint, code: `ZZZZ-${String(1000 + i)}`, name: '猜码', fingerprint: ticket.fingerprint.sha256 })).rejects.toMatchObject({ code: 'bad_credentials' });
    }
    await expect(enrollWorkstation({ host: endpoint, code: ticket.code, name: '猜码之后', fingerprint: ticket.fingerprint.sha256 })).rejects.toMatchObject({ code: 'bad_credentials' });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'desk.codesVoided'")).toBe(1);
    // A code made after that works.
    await enrollDesk(host, '新码');
  });
});

/** One request on a connection of its own with the desk's certificate: answered, or cut before any HTTP answer. */
function rawRequest(identity: { caPem: string; certPem: string; keyPem: string }): Promise<string> {
  return new Promise((resolveTry) => {
    const req = request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path: '/rpc/app:status', agent: false, ca: [identity.caPem], cert: identity.certPem, key: identity.keyPem, minVersion: 'TLSv1.3', headers: { 'x-tonghu-client': 'raw-probe-1' } },
      (res) => {
        res.resume();
        resolveTry(`answered ${res.statusCode}`);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolveTry(`refused in the handshake (${e.code ?? e.message})`));
    req.end('null');
  });
}

/** A POST to the enrollment port (next to the data port), with a desk's certificate or none; the JSON answer. */
function enrollmentPost(path: string, body: unknown, identity?: { caPem: string; certPem: string; keyPem: string }): Promise<unknown> {
  return new Promise((resolvePost, reject) => {
    const req = request(
      { host: '127.0.0.1', port: PORT + 1, method: 'POST', path, agent: false, rejectUnauthorized: false, minVersion: 'TLSv1.3', ...(identity ? { cert: identity.certPem, key: identity.keyPem } : {}) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolvePost(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(body === null ? '' : JSON.stringify(body));
  });
}

describe('revocation', () => {
  it('ends the desk’s sessions at once and refuses it at the next handshake', async () => {
    const identity = await enrollDesk(host, '将被撤销');
    const client = track(clientOf(identity));
    ok(await client.invoke('page-revoke-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    expect(host.sessions.get(`ws:${identity.workstationId}:page-revoke-1`)).not.toBeNull();
    const other = await enrollDesk(host, '未被撤销');
    const otherClient = track(clientOf(other));
    ok(await otherClient.invoke('page-keep-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
    expect(await rawRequest(identity)).toMatch(/^answered/);
    ok(await host.router.dispatch('c1', 'desks:revoke', { id: identity.workstationId }));
    expect(host.sessions.get(`ws:${identity.workstationId}:page-revoke-1`)).toBeNull();
    // Refused inside the TLS handshake (the listener's revocation list names it): no HTTP answer at all.
    expect(await rawRequest(identity)).toMatch(/^refused in the handshake/);
    const after = await client.invoke('page-revoke-1', 'children:list', {});
    expect(!after.ok && after.error.code).toBe('workstation_revoked');
    const fresh = track(clientOf(identity));
    const again = await fresh.invoke('page-revoke-2', 'app:status', null);
    expect(!again.ok && again.error.code).toBe('workstation_revoked');
    expect(fresh.revoked).toBe(true);
    // The other desk keeps working, on a fresh connection too.
    ok(await otherClient.invoke('page-keep-1', 'children:list', {}));
    expect(await rawRequest(other)).toMatch(/^answered 200/);
    // The enrollment port tells only the holder of a certificate whether it was revoked …
    expect(await enrollmentPost('/standing', null, identity)).toEqual({ revoked: true });
    expect(await enrollmentPost('/standing', null, other)).toEqual({ revoked: false });
    expect(await enrollmentPost('/standing', null)).toEqual({ revoked: false });
    // … and takes no enrollment on the strength of the old certificate: a code is still needed.
    const desksBefore = count('SELECT count(*) AS n FROM workstations');
    const { csrPem } = await createWorkstationRequest('将被撤销');
    const reEnroll = (await enrollmentPost('/enroll', { code: '', csr: csrPem, name: '将被撤销' }, identity)) as { ok: boolean; error?: { code: string } };
    expect(reEnroll.ok).toBe(false);
    expect(count('SELECT count(*) AS n FROM workstations')).toBe(desksBefore);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'desk.revoked' AND entity_id = ?", identity.workstationId)).toBe(1);
  });
});

describe('a write whose answer is lost', () => {
  it('is sent again with the same request id and answered once: one child, the same answer', async () => {
    const identity = await enrollDesk(host, '断线重试');
    const link = await relay(PORT, 41620);
    try {
      const client = track(clientOf(identity, { hostUrl: `https://127.0.0.1:${link.port}` }));
      ok(await client.invoke('page-retry-1', 'auth:login', { username: ADMIN.username, password: ADMIN.password }));
      const name = '重试只写一次';
      const childrenBefore = count('SELECT count(*) AS n FROM children WHERE name = ?', name);
      link.dropNextAnswer();
      const created = ok<{ id: number }>(
        await client.invoke('page-retry-1', 'children:create', { name, sex: 'female', birthDate: '2017-03-03', idNumber: makeIdNumber('310104', '2017-03-03', 41, 'female') }),
      );
      expect(link.dropped()).toBe(true);
      expect(count('SELECT count(*) AS n FROM children WHERE name = ?', name)).toBe(childrenBefore + 1);
      const kept = sqlite().prepare("SELECT answer FROM request_answers WHERE workstation_id = ? AND channel = 'children:create'").all(identity.workstationId) as { answer: string }[];
      expect(kept).toHaveLength(1);
      expect((JSON.parse(kept[0].answer) as { value: { id: number } }).value.id).toBe(created.id);
    } finally {
      await link.close();
    }
  });
});

describe('the witness of the audit chain', () => {
  it('keeps the head it saw; a history cut or rewritten at the host raises an alarm, recorded at the host', async () => {
    const identity = await enrollDesk(host, '见证');
    const w = witnessFiles(`${root.dir}/desk-witness`);
    const client = track(new WorkstationClient({ hostUrl: identity.hostUrl, certPem: identity.certPem, keyPem: identity.keyPem, caPem: identity.caPem, witness: w, retryForMs: 5_000 }));
    const first = await client.checkWitness();
    expect(first?.ok).toBe(true);
    expect(w.load()).toEqual(first!.head);
    ok(await host.router.dispatch('c1', 'children:create', { name: '见证后', sex: 'male', birthDate: '2015-08-08', idNumber: makeIdNumber('310104', '2015-08-08', 51, 'male') }));
    expect((await client.checkWitness())?.ok).toBe(true);
    expect(w.alarm()).toBeNull();
    // The host's history as this desk saw it, rewritten: a head the chain does not pass through.
    const seen = w.load()!;
    w.save({ count: seen.count, hash: 'f'.repeat(64) });
    const rewritten = await client.checkWitness();
    expect(rewritten).toMatchObject({ ok: false, reason: 'rewritten' });
    expect(w.alarm()?.reason).toBe('rewritten');
    // Cut: the desk saw more rows than the host now shows.
    w.save({ count: seen.count + 500, hash: seen.hash });
    expect(await client.checkWitness()).toMatchObject({ ok: false, reason: 'cut' });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'desk.witnessAlarm' AND workstation_id = ?", identity.workstationId)).toBe(2);
  });
});
