/**
 * A child's history through the router ('children:history', issue 3 item 5): a placement change shows
 * as the old interval ended and the new one started, with who and when; profile edits field by field
 * before/after; views of the record ("who saw what") only on request and only for those who may read
 * the audit trail; newest first, page by page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createUser } from '../../electron/services/users/users';
import type { ChildSummary } from '../../shared/contract/children';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { HistoryEntry, HistoryOutput } from '../../shared/contract/history';
import type { Role } from '../../shared/contract/permissions';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Hist0ry!password';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const users = {} as Record<Role, SessionUser>;
let n = 0;
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`h-${n}`, user);
  return host.router.dispatch(`h-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const history = async (user: SessionUser, input: Record<string, unknown>) => ok<HistoryOutput>(await call(user, 'children:history', input));
let childId: number;
let foster: { id: number };
let institution: { id: number };

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  const names: Record<string, string> = { caseworker: '李社工', supervisor: '王主管', therapist: '赵治疗师' };
  for (const role of ['caseworker', 'supervisor', 'therapist'] as Role[]) {
    createUser(ctx, { username: `u_${role}`, displayName: names[role], password: PASSWORD, roles: [role] });
    users[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: PASSWORD }));
  }
  const cw = users.caseworker;
  childId = ok<ChildSummary>(await call(cw, 'children:create', { name: '历史甲', sex: 'female', birthDate: '2012-05-01', idNumber: null, admissionDate: '2012-06-01' })).id;
  foster = ok(await call(cw, 'record:addPlacement', { childId, kind: 'foster', from: '2012-06-01', place: '浦东寄养家庭' }));
  ok(await call(cw, 'children:get', { id: childId }));
  institution = ok(await call(cw, 'record:addPlacement', { childId, kind: 'municipalInstitution', from: '2020-09-01', endCurrent: true }));
  ok(await call(cw, 'record:updateProfile', { childId, hukouKind: 'shanghai', hukouDistrictCode: '310115', notes: '喜欢画画' }));
  ok(await call(cw, 'record:get', { childId }));
  ok(await call(users.therapist, 'record:get', { childId }));
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

const byAction = (entries: HistoryEntry[], action: string) => entries.filter((e) => e.action === action);

describe('children:history', () => {
  it('shows a placement change as the old interval ended and the new one started, with who and before/after', async () => {
    const { entries } = await history(users.caseworker, { childId });
    const [ended] = byAction(entries, 'placement.end');
    expect(ended).toMatchObject({
      kind: 'change',
      entity: 'placement',
      entityId: foster.id,
      actor: { id: users.caseworker.id, name: '李社工' },
      changes: [{ field: 'to', before: null, after: '2020-08-31' }],
      subject: { kind: 'foster', from: '2012-06-01', to: '2020-08-31', place: '浦东寄养家庭', voided: false },
    });
    const started = byAction(entries, 'placement.add').find((e) => e.entityId === institution.id);
    expect(started).toMatchObject({
      entity: 'placement',
      actor: { name: '李社工' },
      subject: { kind: 'municipalInstitution', from: '2020-09-01', to: null },
    });
    expect(started!.changes).toEqual(
      expect.arrayContaining([
        { field: 'kind', before: null, after: 'municipalInstitution' },
        { field: 'from', before: null, after: '2020-09-01' },
      ]),
    );
    // The end comes right before the start in time, so newest first it is listed right after it.
    expect(entries.indexOf(ended)).toBe(entries.indexOf(started!) + 1);
    expect(Date.parse(ended.at)).not.toBeNaN();
  });

  it('lists profile changes field by field, newest first', async () => {
    const { entries } = await history(users.caseworker, { childId });
    expect(entries[0].action).toBe('child.update');
    expect(entries[0].changes).toEqual([
      { field: 'hukouKind', before: null, after: 'shanghai' },
      { field: 'hukouDistrictCode', before: null, after: '310115' },
      { field: 'notes', before: null, after: '喜欢画画' },
    ]);
    expect(entries.at(-1)).toMatchObject({ action: 'child.create', changes: [] });
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('leaves views out by default; with includeViews a supervisor sees who read the record', async () => {
    const changes = await history(users.supervisor, { childId });
    expect(changes.entries.every((e) => e.kind === 'change')).toBe(true);
    const withViews = await history(users.supervisor, { childId, includeViews: true });
    const views = withViews.entries.filter((e) => e.kind === 'view');
    expect(views.map((v) => [v.action, v.actor?.name])).toEqual(
      expect.arrayContaining([
        ['child.read', '李社工'],
        ['record.read', '李社工'],
        ['record.read', '赵治疗师'],
        ['history.read', '王主管'],
      ]),
    );
    expect(withViews.total).toBeGreaterThan(changes.total);
    // Reading the history is itself a view, and is not counted among the changes.
    expect((await history(users.supervisor, { childId })).total).toBe(changes.total);
  });

  it('includeViews is forbidden without audit.read, naming the field', async () => {
    const result = await call(users.caseworker, 'children:history', { childId, includeViews: true });
    expect(!result.ok && [result.error.code, result.error.field]).toEqual(['forbidden', 'includeViews']);
  });

  it('pages with limit and beforeId until hasMore is false, each entry once', async () => {
    const all = await history(users.caseworker, { childId, limit: 200 });
    expect(all.hasMore).toBe(false);
    expect(all.entries).toHaveLength(all.total);
    const seen: number[] = [];
    let page = await history(users.caseworker, { childId, limit: 2 });
    seen.push(...page.entries.map((e) => e.id));
    while (page.hasMore) {
      page = await history(users.caseworker, { childId, limit: 2, beforeId: seen.at(-1) });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));
    const byOffset = await history(users.caseworker, { childId, limit: 2, offset: 2 });
    expect(byOffset.entries.map((e) => e.id)).toEqual(seen.slice(2, 4));
  });

  it('a discharge and a restore read as status changes with the reason', async () => {
    const other = ok<ChildSummary>(await call(users.caseworker, 'children:create', { name: '历史乙', sex: 'male', birthDate: '2010-01-01', idNumber: null, admissionDate: '2010-02-01' })).id;
    ok(await call(users.caseworker, 'children:discharge', { childId: other, date: '2026-11-01', reason: 'transferred' }));
    ok(await call(users.supervisor, 'children:restore', { childId: other, reason: '转出未成功' }));
    const { entries } = await history(users.therapist, { childId: other });
    expect(entries[0]).toMatchObject({ action: 'child.restore', actor: { name: '王主管' }, reason: '转出未成功' });
    expect(entries[0].changes[0]).toEqual({ field: 'status', before: 'discharged', after: 'inCare' });
    expect(entries[1]).toMatchObject({ action: 'child.discharge', reason: null });
    expect(entries[1].changes).toContainEqual({ field: 'dischargeReason', before: null, after: 'transferred' });
    // Only this child's rows.
    expect(entries.some((e) => e.entityId === foster.id)).toBe(false);
  });

  it('a voided row reads with its reason and the subject marked voided', async () => {
    ok(await call(users.caseworker, 'record:void', { childId, entity: 'placement', id: institution.id, reason: '日期录错' }));
    const { entries } = await history(users.caseworker, { childId });
    expect(entries[0]).toMatchObject({ action: 'placement.void', reason: '日期录错', changes: [], subject: { kind: 'municipalInstitution', voided: true } });
  });

  it('an unknown child is not_found; a therapist (children.read) may read the history', async () => {
    const result = await call(users.caseworker, 'children:history', { childId: 999999 });
    expect(!result.ok && result.error.code).toBe('not_found');
    expect((await history(users.therapist, { childId })).total).toBeGreaterThan(0);
  });
});
