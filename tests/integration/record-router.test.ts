/**
 * The record channels through the router, as the renderer will call them: every channel answers a
 * well-formed call with a value that passes its own output schema (a mismatch would be `internal`);
 * each role gets exactly what its permissions allow; refusals come back as `invalid_input` naming the
 * field, in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { createUser } from '../../electron/services/users/users';
import { type Channel, contract } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { ChildRecord, EvaluateChildOutput } from '../../shared/contract/record';
import type { Role } from '../../shared/contract/permissions';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'R3cord!password';
const ID = makeIdNumber('310115', '2008-03-10', 41, 'female');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const RECORD_CHANNELS = (Object.keys(contract) as Channel[]).filter((c) => c.startsWith('record:') || c === 'rules:evaluateChild');

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const users = {} as Record<Role | 'registry', SessionUser>;
let childId: number;
let n = 0;

function as(user: SessionUser): string {
  n += 1;
  host.sessions.start(`conn-${n}`, user);
  return `conn-${n}`;
}
const call = <T>(user: SessionUser, channel: string, input: unknown) => host.router.dispatch(as(user), channel, asRead(host, channel, input)) as Promise<Result<T>>;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  const roles: [Role | 'registry', Role[]][] = [
    ['administrator', ['administrator']],
    ['caseworker', ['caseworker']],
    ['therapist', ['therapist']],
    ['placementOfficer', ['placementOfficer']],
    ['supervisor', ['supervisor']],
    ['registry', ['caseworker', 'placementOfficer']],
  ];
  for (const [name, r] of roles) {
    createUser(ctx, { username: `u_${name}`, displayName: name, password: PASSWORD, roles: r });
    users[name] = ok<SessionUser>(await host.router.dispatch(`login-${name}`, 'auth:login', { username: `u_${name}`, password: PASSWORD }));
  }
  childId = ok<{ id: number }>(
    await call(users.caseworker, 'children:create', { name: '陈思远', sex: 'female', birthDate: '2008-03-10', idNumber: ID, admissionDate: '2008-06-01' }),
  ).id;
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('every record channel, well-formed, through the router', () => {
  it('answers ok with values that pass the contract', async () => {
    const u = users.registry;
    const seen = new Set<string>();
    const go = async <T>(channel: Channel, input: unknown): Promise<T> => {
      seen.add(channel);
      return ok<T>(await call<T>(u, channel, input));
    };
    await go('record:updateProfile', { childId, hukouKind: 'shanghai', hukouDistrictCode: '310115', formerNames: [], admissionSource: 'police' });
    const doc = await go<{ id: number }>('record:addDocument', { childId, kind: 'photo', title: '照片', mime: 'image/png', contentBase64: PNG });
    await go('record:setPhoto', { childId, documentId: doc.id });
    expect((await go<{ contentBase64: string }>('record:getDocument', { childId, id: doc.id })).contentBase64).toBe(PNG);
    const p = await go<{ id: number }>('record:addPlacement', { childId, kind: 'foster', from: '2008-06-01' });
    await go('record:endPlacement', { childId, id: p.id, to: '2015-12-31' });
    await go('record:addPlacement', { childId, kind: 'municipalInstitution', from: '2016-01-01' });
    const g = await go<{ id: number }>('record:addGuardianship', { childId, guardianKind: 'civilAffairs', guardianName: '上海市民政局', courtAppointed: true, from: '2009-01-15' });
    await go('record:endGuardianship', { childId, id: g.id, to: '2009-12-31' });
    await go('record:addGuardianship', { childId, guardianKind: 'municipalInstitution', guardianName: '上海市儿童福利院', courtAppointed: true, from: '2010-01-01' });
    const f = await go<{ id: number }>('record:addStatusFact', { childId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: '2008-06-01' });
    const d = await go<{ id: number; category: string }>('record:setDisability', { childId, certificateNumber: `${ID}13`, from: '2020-01-01' });
    expect(d.category).toBe('visual');
    await go('record:endDisability', { childId, id: d.id, to: '2024-12-31' });
    const e = await go<{ id: number }>('record:addEducation', { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 });
    await go('record:updateEducation', { childId, id: e.id, actualCompletion: '2026-06-30', outcome: 'graduated' });
    const b = await go<{ id: number }>('record:addBenefit', { childId, code: 'basicLivingAllowance', from: '2008-06-01', monthlyAmountFen: 252000 });
    await go('record:endBenefit', { childId, id: b.id, to: '2026-06-30' });
    await go('record:setMedicalInsurance', { childId, year: 2026, enrolled: true, premiumSubsidised: true });
    await go('record:addMedicalAidClaim', { childId, claimDate: '2026-03-01', eligibleCostFen: 10000, aidedFen: 7000 });
    await go('record:void', { childId, entity: 'statusFact', id: f.id, reason: '重复录入' });
    const a = await go<{ id: number }>('record:addAssessment', { childId, assessedOn: '2026-08-01', round: 1, result: 'notCapable', panel: '市民政局、福利院', reasons: '劳动能力不足' });
    const v = await go<{ id: number }>('record:addVocationalRehab', { childId, from: '2026-08-15' });
    await go('record:completeVocationalRehab', { childId, id: v.id, completedOn: '2026-11-01' });
    // The decision takes effect once a supervisor approves it on the child's case.
    expect((await go<EvaluateChildOutput>('rules:evaluateChild', { childId, asOf: '2026-11-29' })).evaluation.reintegration.status).toBe('assessmentDue');
    const { caseId } = ok<{ caseId: number }>(await call(users.supervisor, 'reintegration:caseOfChild', { childId }));
    ok(await call(users.supervisor, 'reintegration:decide', { caseId, assessmentId: a.id, approve: true }));
    const evaluated = await go<EvaluateChildOutput>('rules:evaluateChild', { childId, asOf: '2026-11-29' });
    expect(evaluated.evaluation.reintegration.status).toBe('secondAssessmentDue');
    await go('record:voidReintegrationEntry', { childId, entity: 'assessment', id: a.id, reason: '评估日期录错' });
    expect((await go<EvaluateChildOutput>('rules:evaluateChild', { childId })).evaluation.reintegration.status).toBe('assessmentDue');
    const record = await go<ChildRecord>('record:get', { childId });
    expect(record.child.photoDocumentId).toBe(doc.id);
    expect(record.placements.map((x) => x.kind)).toEqual(['foster', 'municipalInstitution']);
    await go('record:voidDocument', { childId, id: doc.id, reason: '照片模糊' });
    expect(RECORD_CHANNELS.filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe('permissions', () => {
  const cases: [Role, Channel, boolean][] = [
    ['caseworker', 'record:addPlacement', true],
    ['therapist', 'record:addPlacement', false],
    ['placementOfficer', 'record:addPlacement', false],
    ['supervisor', 'record:addPlacement', false],
    ['administrator', 'record:get', true],
    ['therapist', 'record:get', true],
    ['placementOfficer', 'record:addAssessment', true],
    ['caseworker', 'record:addAssessment', false],
    ['caseworker', 'record:addDocument', true],
    ['therapist', 'record:getDocument', false],
    ['administrator', 'rules:evaluateChild', false],
    ['therapist', 'rules:evaluateChild', true],
  ];
  for (const [role, channel, allowed] of cases) {
    it(`${role} ${allowed ? 'may' : 'may not'} use ${channel}`, async () => {
      const result = await call(users[role], channel, null);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(allowed ? 'invalid_input' : 'forbidden');
    });
  }

  it('a refused write leaves the record as it was', async () => {
    const before = ok<ChildRecord>(await call(users.caseworker, 'record:get', { childId }));
    const result = await call(users.therapist, 'record:addBenefit', { childId, code: 'temporaryAid', from: '2026-01-01' });
    expect(!result.ok && result.error.code).toBe('forbidden');
    expect(ok<ChildRecord>(await call(users.caseworker, 'record:get', { childId })).benefits).toEqual(before.benefits);
  });
});

describe('refusals name the field', () => {
  it.each([
    ['an impossible date', 'record:addPlacement', { kind: 'foster', from: '2016-02-30' }, 'from'],
    ['an unknown placement', 'record:addPlacement', { kind: 'orphanage', from: '2016-02-01' }, 'kind'],
    ['an overlapping placement', 'record:addPlacement', { kind: 'kinship', from: '2020-01-01' }, 'from'],
    ['an overlapping guardianship', 'record:addGuardianship', { guardianKind: 'relative', guardianName: '姑姑', from: '2020-01-01' }, 'from'],
    ['a certificate of another person', 'record:setDisability', { certificateNumber: `${makeIdNumber('310115', '2008-03-10', 43, 'female')}13`, from: '2025-01-01' }, 'certificateNumber'],
    ['an unknown benefit code', 'record:addBenefit', { code: 'lottery', from: '2025-01-01' }, 'code'],
    ['money in yuan with decimals', 'record:addBenefit', { code: 'temporaryAid', from: '2025-01-01', monthlyAmountFen: 99.5 }, 'monthlyAmountFen'],
    ['a status fact of the wrong shape', 'record:addStatusFact', { fact: { kind: 'familyIncome', value: true }, effectiveDate: '2025-01-01' }, 'fact.value'],
    ['a void without a reason', 'record:void', { entity: 'placement', id: 1, reason: ' ' }, 'reason'],
  ])('%s', async (_label, channel, input, field) => {
    const result = await call(users.registry, channel, { childId, ...input });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect([result.error.code, result.error.field]).toEqual(['invalid_input', field]);
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('an unknown child is not_found on every child-scoped channel', async () => {
    for (const channel of ['record:get', 'rules:evaluateChild'] as const) {
      const result = await call(users.registry, channel, { childId: 999999 });
      expect(!result.ok && result.error.code, channel).toBe('not_found');
    }
  });
});
