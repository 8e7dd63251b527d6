/**
 * Issue 15, item 8: a document's title, kind, size and hash reach only those holding documents.read —
 * not through record:get, not through a child's history, not through the audit page.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createUser } from '../../electron/services/users/users';
import type { AuditRowView } from '../../shared/contract/audit';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import type { ChildRecord } from '../../shared/contract/record';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Docs!password-123';
const TITLE = '精神科诊断报告';
const CONTENT = Buffer.from('%PDF-1.4\n% a scanned report\n');
const SHA = createHash('sha256').update(CONTENT).digest('hex');

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const u = {} as Record<'caseworker' | 'therapist' | 'administrator' | 'supervisor', SessionUser>;
let n = 0;
let childId: number;
let documentId: number;

const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`d-${n}`, user);
  return host.router.dispatch(`d-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const must = async <T>(user: SessionUser, channel: string, input: unknown): Promise<T> => ok<T>(await call<T>(user, channel, input));

/** Whether any trace of the document's description is in a serialized answer. */
const leaks = (value: unknown) => {
  const text = JSON.stringify(value);
  return [TITLE, SHA, 'medicalReport', 'application/pdf'].filter((s) => text.includes(s));
};

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const db = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  for (const role of ['caseworker', 'therapist', 'administrator', 'supervisor'] as const) {
    createUser(db, { username: `u_${role}`, displayName: role, password: PASSWORD, roles: [role as Role] });
    u[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: PASSWORD }));
  }
  childId = (await must<{ id: number }>(u.caseworker, 'children:create', { name: '周子墨', sex: 'male', birthDate: '2015-02-01', idNumber: null })).id;
  documentId = (
    await must<{ id: number }>(u.caseworker, 'record:addDocument', { childId, kind: 'medicalReport', title: TITLE, mime: 'application/pdf', contentBase64: CONTENT.toString('base64') })
  ).id;
  await must(u.caseworker, 'record:voidDocument', { childId, id: documentId, reason: '重复上传' });
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('document descriptions by permission', () => {
  it('record:get lists the documents for a caseworker, none for a therapist or an administrator', async () => {
    const own = await must<ChildRecord>(u.caseworker, 'record:get', { childId });
    expect(own.documents.map((d) => [d.id, d.title, d.sha256])).toEqual([[documentId, TITLE, SHA]]);
    for (const user of [u.therapist, u.administrator]) {
      const record = await must<ChildRecord>(user, 'record:get', { childId });
      expect(record.documents).toEqual([]);
      expect(leaks(record)).toEqual([]);
    }
  });

  it('children:history says a document was added and voided, and by whom, but not which (no title, kind, size or hash)', async () => {
    type Entries = { entries: { action: string; actor: { name: string } | null; changes: unknown[]; subject: unknown; reason: string | null }[] };
    const seen = await must<Entries>(u.therapist, 'children:history', { childId, offset: 0, limit: 100 });
    const docs = seen.entries.filter((e) => e.action.startsWith('document.'));
    expect(docs.map((e) => e.action).sort()).toEqual(['document.add', 'document.void']);
    for (const e of docs) expect(e).toMatchObject({ actor: { name: 'caseworker' }, changes: [], subject: null, reason: null });
    expect(leaks(seen)).toEqual([]);
    // A caseworker (documents.read) still sees what was added.
    const full = await must<Entries>(u.caseworker, 'children:history', { childId, offset: 0, limit: 100 });
    expect(leaks(full)).toContain(TITLE);
  });

  it('the audit page leaves document details out for an administrator and shows them to a supervisor', async () => {
    const asAdmin = await must<{ rows: AuditRowView[] }>(u.administrator, 'audit:query', { childId, offset: 0, limit: 100 });
    const docRows = asAdmin.rows.filter((r) => r.entity === 'document');
    expect(docRows.length).toBeGreaterThanOrEqual(2);
    expect(docRows.every((r) => r.restricted && r.summary === '')).toBe(true);
    expect(leaks(asAdmin)).toEqual([]);
    const asSupervisor = await must<{ rows: AuditRowView[] }>(u.supervisor, 'audit:query', { childId, action: 'document.add', offset: 0, limit: 100 });
    expect(asSupervisor.rows[0]).toMatchObject({ restricted: false, summary: expect.stringContaining('medicalReport') });
  });
});
