/**
 * Discharge, archive and restore through the router (issue 3, item 5): nothing is deleted, each is a
 * status with its audit row; a discharge ends the open placement on the discharge date; the date is
 * refused before admission, before birth or in the future, naming the field; only a supervisor
 * restores; only a discharged child is archived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { createUser } from '../../electron/services/users/users';
import type { ChildStatusChange, ChildSummary } from '../../shared/contract/children';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import type { ChildRecord } from '../../shared/contract/record';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'St4tus!password';
// The test clock says 2026-11-29.
const TODAY = '2026-11-29';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const users = {} as Record<Role, SessionUser>;
let n = 0;
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`s-${n}`, user);
  return host.router.dispatch(`s-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error('expected an error');
  return result.error;
};
type AuditRow = { action: string; entity: string; entity_id: number; user_id: number; detail: string };
const auditRows = (childId: number, action: string) =>
  host.core.opened()!.sqlite.prepare('SELECT action, entity, entity_id, user_id, detail FROM audit_log WHERE child_id = ? AND action = ? ORDER BY id').all(childId, action) as AuditRow[];

async function newChild(name: string, admissionDate: string | null = '2015-06-01'): Promise<number> {
  return ok<ChildSummary>(await call(users.caseworker, 'children:create', { name, sex: 'male', birthDate: '2015-03-07', idNumber: null, admissionDate })).id;
}

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  for (const role of ['caseworker', 'supervisor', 'therapist', 'administrator'] as Role[]) {
    createUser(ctx, { username: `u_${role}`, displayName: `${role}-名`, password: PASSWORD, roles: [role] });
    users[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: PASSWORD }));
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('discharge', () => {
  it('sets the status, date and reason, ends the open placement on that date, and audits both', async () => {
    const childId = await newChild('离院甲');
    const placement = ok<{ id: number }>(await call(users.caseworker, 'record:addPlacement', { childId, kind: 'foster', from: '2015-06-01' }));
    const result = ok<ChildStatusChange>(
      await call(users.caseworker, 'children:discharge', { childId, date: '2026-10-31', reason: 'adopted', note: '经法定程序收养' }),
    );
    expect(result.child).toMatchObject({ id: childId, status: 'discharged', dischargeDate: '2026-10-31', dischargeReason: 'adopted' });
    expect(result.endedPlacement).toEqual({ id: placement.id, kind: 'foster', from: '2015-06-01', to: '2026-10-31' });

    const record = ok<ChildRecord>(await call(users.caseworker, 'record:get', { childId }));
    expect(record.child).toMatchObject({ status: 'discharged', dischargeDate: '2026-10-31' });
    expect(record.placements).toEqual([expect.objectContaining({ id: placement.id, to: '2026-10-31', voidedAt: null })]);

    const [discharge] = auditRows(childId, 'child.discharge');
    expect(discharge).toMatchObject({ entity: 'child', entity_id: childId, user_id: users.caseworker.id });
    expect(JSON.parse(discharge.detail)).toEqual([
      { field: 'status', before: 'inCare', after: 'discharged' },
      { field: 'dischargeDate', before: null, after: '2026-10-31' },
      { field: 'dischargeReason', before: null, after: 'adopted' },
      { field: 'dischargeNote', before: null, after: '经法定程序收养' },
    ]);
    const ends = auditRows(childId, 'placement.end');
    expect(ends).toHaveLength(1);
    expect(ends[0].entity_id).toBe(placement.id);
    expect(JSON.parse(ends[0].detail)).toEqual([{ field: 'to', before: null, after: '2026-10-31' }]);
    expect(verifyAuditChain(host.core.opened()!.sqlite).ok).toBe(true);

    // The discharged child leaves the default list (in care) and is found under 'discharged'.
    const inCare = ok<{ rows: ChildSummary[] }>(await call(users.caseworker, 'children:list', { query: '离院甲' }));
    expect(inCare.rows).toEqual([]);
    const discharged = ok<{ rows: ChildSummary[] }>(await call(users.caseworker, 'children:list', { query: '离院甲', status: 'discharged' }));
    expect(discharged.rows.map((r) => r.id)).toEqual([childId]);
  });

  it('with no placement recorded, discharges and ends nothing', async () => {
    const childId = await newChild('离院乙');
    const result = ok<ChildStatusChange>(await call(users.supervisor, 'children:discharge', { childId, date: TODAY, reason: 'returnedToFamily' }));
    expect(result.endedPlacement).toBeNull();
    expect(result.child.dischargeReason).toBe('returnedToFamily');
    expect(auditRows(childId, 'placement.end')).toEqual([]);
  });

  it('leaves alone a placement that starts after the discharge date, and a closed one', async () => {
    const childId = await newChild('离院丙');
    const first = ok<{ id: number }>(await call(users.caseworker, 'record:addPlacement', { childId, kind: 'municipalInstitution', from: '2015-06-01', to: '2020-12-31' }));
    const next = ok<{ id: number }>(await call(users.caseworker, 'record:addPlacement', { childId, kind: 'kinship', from: '2021-01-01' }));
    const result = ok<ChildStatusChange>(await call(users.caseworker, 'children:discharge', { childId, date: '2020-12-31', reason: 'transferred' }));
    expect(result.endedPlacement).toBeNull();
    const record = ok<ChildRecord>(await call(users.caseworker, 'record:get', { childId }));
    expect(record.placements.map((p) => [p.id, p.to])).toEqual([
      [first.id, '2020-12-31'],
      [next.id, null],
    ]);
  });

  it.each([
    ['before admission', '2015-05-31', /入院日期（2015-06-01）/],
    ['before birth', '2015-03-06', /出生日期（2015-03-07）/],
    ['in the future', '2026-11-30', /晚于今天/],
  ])('refuses a date %s: invalid_input naming "date", in Chinese, nothing changed', async (_label, date, message) => {
    const childId = await newChild(`日期${date}`);
    const placement = ok<{ id: number }>(await call(users.caseworker, 'record:addPlacement', { childId, kind: 'foster', from: '2015-06-01' }));
    const error = errorOf(await call(users.caseworker, 'children:discharge', { childId, date, reason: 'adopted' }));
    expect([error.code, error.field]).toEqual(['invalid_input', 'date']);
    expect(error.message).toMatch(message);
    const record = ok<ChildRecord>(await call(users.caseworker, 'record:get', { childId }));
    expect(record.child.status).toBe('inCare');
    expect(record.placements.find((p) => p.id === placement.id)?.to).toBeNull();
    expect(auditRows(childId, 'child.discharge')).toEqual([]);
    expect(auditRows(childId, 'placement.end')).toEqual([]);
  });

  it('without an admission date, only birth and today bound the date', async () => {
    const childId = await newChild('无入院日期', null);
    ok(await call(users.caseworker, 'children:discharge', { childId, date: '2015-03-07', reason: 'deceased' }));
  });

  it('refuses an unknown reason (field "reason") and a second discharge (conflict)', async () => {
    const childId = await newChild('离院丁');
    const bad = errorOf(await call(users.caseworker, 'children:discharge', { childId, date: TODAY, reason: 'ranAway' }));
    expect([bad.code, bad.field]).toEqual(['invalid_input', 'reason']);
    expect(bad.message).toBe('请选择离院原因');
    ok(await call(users.caseworker, 'children:discharge', { childId, date: TODAY, reason: 'resettled' }));
    expect(errorOf(await call(users.caseworker, 'children:discharge', { childId, date: TODAY, reason: 'resettled' })).code).toBe('conflict');
  });

  it('is forbidden to a therapist and an administrator', async () => {
    const childId = await newChild('离院戊');
    for (const role of ['therapist', 'administrator'] as const) {
      expect(errorOf(await call(users[role], 'children:discharge', { childId, date: TODAY, reason: 'adopted' })).code).toBe('forbidden');
    }
  });

  it('an unknown child is not_found', async () => {
    expect(errorOf(await call(users.caseworker, 'children:discharge', { childId: 999999, date: TODAY, reason: 'adopted' })).code).toBe('not_found');
  });
});

describe('archive', () => {
  it('only a discharged child: in care → conflict; discharged → archived; archived again → conflict', async () => {
    const childId = await newChild('归档甲');
    const refused = errorOf(await call(users.caseworker, 'children:archive', { childId }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/请先办理离院/);
    ok(await call(users.caseworker, 'children:discharge', { childId, date: '2026-01-15', reason: 'returnedToFamily' }));
    const archived = ok<ChildStatusChange>(await call(users.caseworker, 'children:archive', { childId }));
    expect(archived.child).toMatchObject({ status: 'archived', dischargeDate: '2026-01-15', dischargeReason: 'returnedToFamily' });
    expect(JSON.parse(auditRows(childId, 'child.archive')[0].detail)).toEqual([{ field: 'status', before: 'discharged', after: 'archived' }]);
    expect(errorOf(await call(users.caseworker, 'children:archive', { childId })).code).toBe('conflict');
    const list = ok<{ rows: ChildSummary[] }>(await call(users.caseworker, 'children:list', { query: '归档甲', status: 'archived' }));
    expect(list.rows.map((r) => r.id)).toEqual([childId]);
  });
});

describe('restore', () => {
  it('a caseworker is forbidden; a supervisor brings the child back into care, the history kept', async () => {
    const childId = await newChild('恢复甲');
    const placement = ok<{ id: number }>(await call(users.caseworker, 'record:addPlacement', { childId, kind: 'foster', from: '2015-06-01' }));
    ok(await call(users.caseworker, 'children:discharge', { childId, date: '2026-03-31', reason: 'returnedToFamily', note: '父母接回' }));
    ok(await call(users.caseworker, 'children:archive', { childId }));

    expect(errorOf(await call(users.caseworker, 'children:restore', { childId, reason: '家庭寄养失败，重新入院' })).code).toBe('forbidden');
    const short = errorOf(await call(users.supervisor, 'children:restore', { childId, reason: ' ' }));
    expect([short.code, short.field]).toEqual(['invalid_input', 'reason']);

    const restored = ok<ChildStatusChange>(await call(users.supervisor, 'children:restore', { childId, reason: '家庭无力抚养，重新入院' }));
    expect(restored.child).toMatchObject({ status: 'inCare', dischargeDate: null, dischargeReason: null });
    const [row] = auditRows(childId, 'child.restore');
    expect(row.user_id).toBe(users.supervisor.id);
    expect(JSON.parse(row.detail)).toEqual({
      changes: [
        { field: 'status', before: 'archived', after: 'inCare' },
        { field: 'dischargeDate', before: '2026-03-31', after: null },
        { field: 'dischargeReason', before: 'returnedToFamily', after: null },
        { field: 'dischargeNote', before: '父母接回', after: null },
      ],
      reason: '家庭无力抚养，重新入院',
    });
    // The history stays: the discharge and archive rows are still there, and the ended placement stays ended.
    expect(auditRows(childId, 'child.discharge')).toHaveLength(1);
    expect(auditRows(childId, 'child.archive')).toHaveLength(1);
    const record = ok<ChildRecord>(await call(users.caseworker, 'record:get', { childId }));
    expect(record.placements.find((p) => p.id === placement.id)?.to).toBe('2026-03-31');
    // Back in care: a new placement from the day after, and it can be discharged again.
    ok(await call(users.caseworker, 'record:addPlacement', { childId, kind: 'municipalInstitution', from: '2026-04-01' }));
    expect(errorOf(await call(users.supervisor, 'children:restore', { childId, reason: '再次恢复' })).code).toBe('conflict');
  });

  it('a discharged (not archived) child can be restored too', async () => {
    const childId = await newChild('恢复乙');
    ok(await call(users.caseworker, 'children:discharge', { childId, date: TODAY, reason: 'adopted' }));
    expect(ok<ChildStatusChange>(await call(users.supervisor, 'children:restore', { childId, reason: '误操作，撤销离院' })).child.status).toBe('inCare');
  });
});
