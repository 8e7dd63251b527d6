/**
 * No update lost between two people (issue 19.4), through the router with two signed-in sessions, as two
 * desks would call it: each reads a part with its version, both edit; exactly one edit lands, the other is
 * refused with `conflict` naming who changed what and when, and nothing either saved is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { APPEND_CHANNELS, EDIT_GUARDS } from '../../electron/host/edit-guards';
import { createUser } from '../../electron/services/users/users';
import { type Channel, contract } from '../../shared/contract';
import { channelKind } from '../../shared/contract/channel-kinds';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { ChildRecord } from '../../shared/contract/record';
import { type ConflictDetails, isConflictDetails, versionIn } from '../../shared/contract/versions';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Conf1ict!password';
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let wang: SessionUser;
let li: SessionUser;
let childId: number;

const desk = (connection: string) => <T>(channel: string, input: unknown) => host.router.dispatch(connection, channel, input) as Promise<Result<T>>;
const deskA = desk('desk-a');
const deskB = desk('desk-b');

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  createUser(ctx, { username: 'wang', displayName: '王社工', password: PASSWORD, roles: ['caseworker'] });
  createUser(ctx, { username: 'li', displayName: '李社工', password: PASSWORD, roles: ['caseworker'] });
  wang = ok<SessionUser>(await host.router.dispatch('desk-a', 'auth:login', { username: 'wang', password: PASSWORD }));
  li = ok<SessionUser>(await host.router.dispatch('desk-b', 'auth:login', { username: 'li', password: PASSWORD }));
  childId = ok<{ id: number }>(
    await deskA('children:create', { name: '陈思远', sex: 'female', birthDate: '2012-03-10', idNumber: makeIdNumber('310115', '2012-03-10', 41, 'female'), admissionDate: '2012-06-01' }),
  ).id;
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('two desks editing the same child', () => {
  it('exactly one edit lands; the other gets a conflict naming who, what and when; nothing is lost', async () => {
    const readA = ok<ChildRecord>(await deskA('record:get', { childId }));
    const readB = ok<ChildRecord>(await deskB('record:get', { childId }));
    const version = versionIn(readA.versions, 'child', childId);
    expect(versionIn(readB.versions, 'child', childId)).toBe(version);

    // Both send at once, each with the version it read.
    const [a, b] = await Promise.all([
      deskA('record:updateProfile', { childId, ethnicity: '汉族', notes: '王社工的备注', expectedVersion: version }),
      deskB('record:updateProfile', { childId, ethnicity: '回族', nationality: '中国', expectedVersion: version }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    if (!refused || refused.ok) throw new Error('expected one refusal');
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.message).toContain('王社工');
    expect(refused.error.message).toContain('基本信息');
    expect(refused.error.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(isConflictDetails(refused.error.details)).toBe(true);
    const details = refused.error.details as ConflictDetails;
    expect(details).toMatchObject({ entity: 'child', entityId: childId, expectedVersion: version, changedBy: '王社工', action: 'child.update' });
    expect(details.changes.map((c) => c.field).sort()).toEqual(['ethnicity', 'notes']);
    expect(details.changes.find((c) => c.field === 'ethnicity')?.after).toBe('汉族');
    expect(details.changedAt).not.toBeNull();

    // What desk A saved is there; desk B's refused edit changed nothing.
    const after = ok<ChildRecord>(await deskB('record:get', { childId }));
    expect(after.child.ethnicity).toBe('汉族');
    expect(after.child.notes).toBe('王社工的备注');
    expect(after.child.nationality).toBeNull();

    // Desk B reapplies on the version it now reads: it lands, and desk A's change is still there.
    const reread = versionIn(after.versions, 'child', childId);
    expect(reread).toBeGreaterThan(version);
    ok(await deskB('record:updateProfile', { childId, ethnicity: '回族', nationality: '中国', expectedVersion: reread }));
    const final = ok<ChildRecord>(await deskA('record:get', { childId }));
    expect(final.child).toMatchObject({ ethnicity: '回族', nationality: '中国', notes: '王社工的备注' });
    // Each change is in the trail under the person who made it.
    const history = host.core
      .context(null)
      .sqlite.prepare("SELECT username FROM audit_log WHERE entity = 'child' AND entity_id = ? AND action = 'child.update' ORDER BY id")
      .all(childId) as { username: string }[];
    expect(history.map((h) => h.username)).toEqual(['wang', 'li']);
    expect(li.id).not.toBe(wang.id);
  });

  it('the conflict names the change, not the reads made since (views are in the trail too)', async () => {
    const version = versionIn(ok<ChildRecord>(await deskB('record:get', { childId })).versions, 'child', childId);
    ok(await deskA('record:updateProfile', { childId, referringBody: '浦东新区公安分局', expectedVersion: version }));
    for (let i = 0; i < 3; i += 1) {
      ok(await deskA('record:get', { childId }));
      ok(await deskB('record:get', { childId }));
    }
    const stale = await deskB('record:updateProfile', { childId, referringBody: '别的单位', expectedVersion: version });
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    const details = (stale.ok ? null : stale.error.details) as ConflictDetails;
    expect(details).toMatchObject({ changedBy: '王社工', action: 'child.update', changes: [{ field: 'referringBody', after: '浦东新区公安分局' }] });
  });

  it('an append (a placement added) does not make an edit of the particulars stale; an edit of a row is checked on that row', async () => {
    const read = ok<ChildRecord>(await deskA('record:get', { childId }));
    const version = versionIn(read.versions, 'child', childId);
    const placement = ok<{ id: number }>(await deskB('record:addPlacement', { childId, kind: 'foster', from: '2012-06-01' }));
    ok(await deskA('record:updateProfile', { childId, notes: '追加安置之后的修改', expectedVersion: version }));

    const e = ok<{ id: number }>(await deskA('record:addEducation', { childId, stage: 'compulsory', fullTime: true, enrolmentDate: '2018-09-01', standardDurationYears: 3 }));
    const rec = ok<ChildRecord>(await deskA('record:get', { childId }));
    const ev = versionIn(rec.versions, 'education', e.id);
    ok(await deskB('record:updateEducation', { childId, id: e.id, school: '浦东新区实验小学', expectedVersion: ev }));
    const stale = await deskA('record:updateEducation', { childId, id: e.id, school: '另一所学校', expectedVersion: ev });
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    expect(stale.ok ? '' : stale.error.message).toContain('李社工');
    expect(stale.ok ? '' : stale.error.message).toContain('就学记录');
    // Ending the placement with the version read before it was ended elsewhere is refused too.
    const pv = versionIn(ok<ChildRecord>(await deskA('record:get', { childId })).versions, 'placement', placement.id);
    ok(await deskB('record:endPlacement', { childId, id: placement.id, to: '2020-01-01', expectedVersion: pv }));
    const staleEnd = await deskA('record:endPlacement', { childId, id: placement.id, to: '2021-01-01', expectedVersion: pv });
    expect(staleEnd.ok ? null : staleEnd.error.code).toBe('conflict');
  });

  it('accounts and settings are versioned too', async () => {
    const users = ok<{ id: number; username: string; version?: number }[]>(await host.router.dispatch('admin', 'users:list', {}));
    const target = users.find((u) => u.username === 'li');
    if (!target) throw new Error('li missing');
    ok(await host.router.dispatch('admin', 'users:update', { id: target.id, displayName: '李社工', roles: ['caseworker', 'therapist'], expectedVersion: target.version }));
    const stale = await host.router.dispatch('admin', 'users:update', { id: target.id, displayName: '李社工', roles: ['caseworker'], expectedVersion: target.version });
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    expect(stale.ok ? '' : stale.error.message).toContain('账户');

    const idle = ok<{ minutes: number; version?: number }>(await host.router.dispatch('admin', 'settings:idleLock', {}));
    ok(await host.router.dispatch('admin', 'settings:idleLock', { minutes: 15, expectedVersion: idle.version }));
    const staleIdle = await host.router.dispatch('admin', 'settings:idleLock', { minutes: 20, expectedVersion: idle.version });
    expect(staleIdle.ok ? null : staleIdle.error.code).toBe('conflict');
    expect(staleIdle.ok ? '' : staleIdle.error.message).toContain('管理员');
  });

  it('every write channel is either guarded (and takes expectedVersion) or listed as an append', () => {
    const guarded = Object.keys(EDIT_GUARDS) as Channel[];
    for (const channel of guarded) {
      const schema = contract[channel].input;
      const probe = schema.safeParse({ expectedVersion: 'x', approve: true });
      // A wrong type for expectedVersion is an error the schema names (the field is part of the input).
      expect(probe.success, channel).toBe(false);
      const named = probe.error?.issues.some((i) => i.path.join('.') === 'expectedVersion');
      expect(named, `${channel} does not declare expectedVersion`).toBe(true);
    }
    const writes = (Object.keys(contract) as Channel[]).filter((c) => /\.(write|approve|manage|close)$/.test(contract[c].permission) || c === 'children:create');
    const known = new Set<string>([...guarded, ...APPEND_CHANNELS]);
    const unlisted = writes.filter((c) => !known.has(c) && !READS.has(c) && !ACTIONS.has(c));
    expect(unlisted).toEqual([]);
  });

  it("agrees with the data host's read/write classification (channel-kinds)", () => {
    // A read here is a read there (a retry simply runs again); an edit, an append or an action is never a
    // read there (its answer is kept, so a retried request is not applied twice).
    expect([...READS].filter((c) => channelKind(c) !== 'read')).toEqual([]);
    const changing = [...Object.keys(EDIT_GUARDS), ...APPEND_CHANNELS, ...ACTIONS];
    expect(changing.filter((c) => channelKind(c) === 'read')).toEqual([]);
    for (const c of [...READS, ...ACTIONS]) expect(Object.keys(contract), c).toContain(c);
  });
});

/**
 * Channels with a write permission that only read (the data host's channel-kinds calls each of them a
 * 'read', checked above), so carry no version.
 */
const READS = new Set<string>([
  'rehab:pendingPlans',
  'rehab:today',
  'backup:list',
  'backup:health',
  'key:status',
  'key:unconfirmedCode',
  'import:preview',
  'ledger:export',
  'users:list',
  'audit:query',
  'audit:verify',
  'caseload:list',
  'caseload:people',
  'desks:list',
]);

/**
 * Channels with a write permission that edit no part of a record someone else may be editing in a form:
 * one-off actions (backups, imports, key changes, exports), caseload assignments (each its own row, ended
 * not edited), and the data host's desk administration. desks:rename does edit an existing workstation
 * row, but it is deliberately not versioned: the name is a one-field label of a desk (no child's data),
 * only an administrator (users.manage) can change it, the rename is audited with the old and new name,
 * and a rename overtaken by another is seen in the workstation list at once and retyped in seconds —
 * nothing typed into a form is lost. desks:revoke is one-way (revoking twice is revoking once) and
 * changes no field another edit writes; desks:listen/stopListening turn the listener on and off (the
 * latest wish wins, as with a switch); desks:addWorkstation issues a fresh pairing code;
 * key:confirmCode ends the keeping of the sealed recovery code once a group matches.
 */
const ACTIONS = new Set<string>([
  'backup:run',
  'backup:restore',
  'key:change',
  'key:confirmCode',
  'import:run',
  'reintegration:exportDossier',
  'caseload:assign',
  'caseload:end',
  'desks:listen',
  'desks:stopListening',
  'desks:addWorkstation',
  'desks:rename',
  'desks:revoke',
]);
