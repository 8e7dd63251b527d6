/**
 * The change feed over the browser host's server-sent events on loopback (issue 19.4): a change made by
 * one client reaches a second client's open stream, marked as not its own; the first is told it was its
 * own; a page not signed in and a wrong token are told nothing; a reconnect with Last-Event-ID catches up.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { startBrowserHost } from '../../electron/host/browser-host';
import { createUser } from '../../electron/services/users/users';
import type { ChangeEvent } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/errors';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Ev3nts!password';
let root: { dir: string; cleanup: () => void };
let app: AppHost;
let web: Awaited<ReturnType<typeof startBrowserHost>>;

function rpc<T>(client: string, channel: string, input: unknown): Promise<Result<T>> {
  return fetch(`${web.url}rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tonghu-token': web.token, 'x-tonghu-client': client },
    body: JSON.stringify(input),
  }).then((r) => r.json() as Promise<Result<T>>);
}

type Stream = { events: ChangeEvent[]; kinds: string[]; lastId: string | null; status: number; close: () => void; next: (n?: number) => Promise<ChangeEvent[]> };

/** Opens `/events` as an EventSource would and collects what arrives. */
function openStream(client: string, options: { token?: string; lastEventId?: string } = {}): Promise<Stream> {
  return new Promise((resolveStream, reject) => {
    const url = new URL(`${web.url}events`);
    url.searchParams.set('token', options.token ?? web.token);
    url.searchParams.set('client', client);
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const req = request(url, { headers }, (res: IncomingMessage) => {
      const stream: Stream = {
        events: [],
        kinds: [],
        lastId: null,
        status: res.statusCode ?? 0,
        close: () => req.destroy(),
        next: (n = 1) =>
          new Promise((resolveNext, rejectNext) => {
            const started = cursor;
            cursor += n;
            const timer = setTimeout(() => rejectNext(new Error(`no event within 5 s (have ${stream.events.length})`)), 5000);
            const check = () => {
              if (stream.events.length >= started + n) {
                clearTimeout(timer);
                resolveNext(stream.events.slice(started, started + n));
              } else setTimeout(check, 10);
            };
            check();
          }),
      };
      let buffer = '';
      let cursor = 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const kind = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (id !== undefined) stream.lastId = id;
          if (kind) stream.kinds.push(kind);
          if (kind === 'change' && data) stream.events.push(JSON.parse(data) as ChangeEvent);
          end = buffer.indexOf('\n\n');
        }
      });
      resolveStream(stream);
    });
    req.on('error', (e) => (String(e.message).includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
}

beforeAll(async () => {
  root = tempDir();
  const rendererDir = join(root.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  app = makeHost(join(root.dir, 'data'));
  const admin = await setupAndLogin(app, 'setup');
  const ctx = app.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  createUser(ctx, { username: 'wang', displayName: '王社工', password: PASSWORD, roles: ['caseworker'] });
  createUser(ctx, { username: 'zhao', displayName: '赵治疗师', password: PASSWORD, roles: ['therapist'] });
  web = await startBrowserHost(app, { rendererDir, port: 0 });
});
afterAll(async () => {
  await web?.close();
  app?.close();
  root?.cleanup();
});

describe('change events over server-sent events', () => {
  it('a change at one desk reaches the other desk’s open page, and the first is told it was its own', async () => {
    ok(await rpc('client-aaaa-1', 'auth:login', { username: 'wang', password: PASSWORD }));
    ok(await rpc('client-bbbb-2', 'auth:login', { username: 'zhao', password: PASSWORD }));
    const streamA = await openStream('client-aaaa-1');
    const streamB = await openStream('client-bbbb-2');
    const stranger = await openStream('client-cccc-3');
    expect([streamA.status, streamB.status, stranger.status]).toEqual([200, 200, 200]);

    const child = ok<{ id: number }>(await rpc('client-aaaa-1', 'children:create', { name: '陈思远', sex: 'female', birthDate: '2012-03-10', idNumber: null, admissionDate: '2012-06-01' }));
    const [seenByB] = await streamB.next();
    const [seenByA] = await streamA.next();
    expect(seenByB).toMatchObject({ channel: 'children:create', by: '王社工', childIds: [child.id], mine: false });
    expect(seenByA).toMatchObject({ channel: 'children:create', childIds: [child.id], mine: true });

    // An edit, then a read: the read publishes nothing.
    ok(await rpc('client-aaaa-1', 'record:updateProfile', { childId: child.id, notes: '新备注', expectedVersion: 0 }));
    ok(await rpc('client-aaaa-1', 'record:get', { childId: child.id }));
    const [edit] = await streamB.next();
    expect(edit).toMatchObject({ channel: 'record:updateProfile', childIds: [child.id], mine: false });
    expect(edit.seq).toBe(seenByB.seq + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(streamB.events).toHaveLength(2);
    // Not signed in: told nothing.
    expect(stranger.events).toHaveLength(0);

    // A page that reconnects with the last id it saw (`<run>:<seq>`) gets what it missed.
    streamB.close();
    const lastId = streamB.lastId!;
    expect(lastId).toMatch(new RegExp(`^[\\w-]+:${edit.seq}$`));
    ok(await rpc('client-aaaa-1', 'record:updateProfile', { childId: child.id, notes: '又改了', expectedVersion: 1 }));
    const again = await openStream('client-bbbb-2', { lastEventId: lastId });
    const [missed] = await again.next();
    expect(missed).toMatchObject({ channel: 'record:updateProfile', seq: edit.seq + 1, mine: false });
    expect(again.kinds).not.toContain('reset');
    // An id of another run of the host (it started again since), or one without its run: a reset, never the new run's changes.
    const run = lastId.slice(0, lastId.lastIndexOf(':'));
    for (const stale of [`other-run:${edit.seq}`, String(edit.seq)]) {
      const old = await openStream('client-bbbb-2', { lastEventId: stale });
      await new Promise((r) => setTimeout(r, 100));
      expect(old.kinds, stale).toEqual(['reset']);
      expect(old.events, stale).toHaveLength(0);
      expect(old.lastId?.startsWith(`${run}:`), stale).toBe(true);
      old.close();
    }
    for (const s of [streamA, stranger, again]) s.close();
  });

  it('refuses a stream without the run’s token', async () => {
    const bad = await openStream('client-aaaa-1', { token: 'wrong-token' });
    expect(bad.status).toBe(401);
    bad.close();
  });
});
