/**
 * Issue 16 through the router over a real encrypted database (clock 2026-11-29): contradictory facts are
 * refused where they are entered, with a ValidationError naming the form's field and nothing saved;
 * rows stored before (written straight into the table) are read consistently with an assumption; and the
 * eligibility of a 19-year-old, a police-confirmed abandoned child and a child of school age with no
 * school follow the round-2 rules (RULES.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { ChannelOutput } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

type Evaluated = ChannelOutput<'eligibility:get'>;
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let n = 0;
let call: <T>(channel: string, input: unknown) => Promise<Result<T>>;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  call = <T>(channel: string, input: unknown) => {
    n += 1;
    host.sessions.start(`r-${n}`, admin);
    return host.router.dispatch(`r-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
  };
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

async function newChild(name: string, birthDate: string): Promise<number> {
  const id = ok<{ id: number }>(await call('children:create', { name, sex: 'female', birthDate, idNumber: null, admissionDate: null })).id;
  ok(await call('record:updateProfile', { childId: id, hukouKind: 'shanghai', hukouDistrictCode: '310104' }));
  return id;
}
const factCount = (childId: number) =>
  (host.core.context(null).sqlite.prepare('SELECT count(*) AS n FROM child_status_facts WHERE child_id = ?').get(childId) as { n: number }).n;
const refusal = (r: Result<unknown>) => (r.ok ? null : r.error);
const addFact = (childId: number, fact: unknown, effectiveDate = '2026-01-10') => call('record:addStatusFact', { childId, fact, effectiveDate });
const evaluate = async (childId: number, asOf?: string) => ok<Evaluated>(await call('eligibility:get', { childId, asOf }));

describe('contradictory facts are refused where they are entered (RULES.md round 2)', () => {
  it('低保 with 低保边缘 in one family record: refused at lowIncomeEdge, nothing saved', async () => {
    const id = await newChild('矛盾一', '2014-03-01');
    const r = await addFact(id, { kind: 'familyIncome', value: { minimumLivingSecurity: true, lowIncomeEdge: true, extremePoverty: false, economicHardship: true } });
    expect(refusal(r)).toMatchObject({ code: 'invalid_input', field: 'fact.value.lowIncomeEdge' });
    expect(factCount(id)).toBe(0);
  });

  it('特困 when the record says the legal supporter is able: refused at extremePoverty; the reverse at the supporter value', async () => {
    const id = await newChild('矛盾二', '2014-03-01');
    ok(await addFact(id, { kind: 'legalSupporterAbility', value: true }, '2025-06-01'));
    const poverty = await addFact(id, { kind: 'familyIncome', value: { minimumLivingSecurity: false, lowIncomeEdge: false, extremePoverty: true, economicHardship: true } });
    expect(refusal(poverty)).toMatchObject({ code: 'invalid_input', field: 'fact.value.extremePoverty' });
    expect(refusal(poverty)?.message).toContain('法定抚养人有抚养能力');
    expect(factCount(id)).toBe(1);
    // Once the supporter is recorded unable, 特困 is accepted; then an able supporter on a later date is refused.
    ok(await addFact(id, { kind: 'legalSupporterAbility', value: false }, '2025-12-01'));
    ok(await addFact(id, { kind: 'familyIncome', value: { minimumLivingSecurity: false, lowIncomeEdge: false, extremePoverty: true, economicHardship: true } }));
    const able = await addFact(id, { kind: 'legalSupporterAbility', value: true }, '2026-03-01');
    expect(refusal(able)).toMatchObject({ code: 'invalid_input', field: 'fact.value' });
    expect(factCount(id)).toBe(3);
    expect((await evaluate(id)).evaluation.entitlements.extremePovertySupport.status).toBe('eligible');
  });

  it('a court-appointed guardianship recorded as missing: refused at adequacy; a missing determination under a court appointment at the value', async () => {
    const id = await newChild('矛盾三', '2015-05-05');
    const g = await call('record:addGuardianship', { childId: id, guardianKind: 'civilAffairs', guardianName: '上海市民政局', courtAppointed: true, adequacy: 'missing', from: '2020-01-01' });
    expect(refusal(g)).toMatchObject({ code: 'invalid_input', field: 'adequacy' });
    ok(await call('record:addGuardianship', { childId: id, guardianKind: 'civilAffairs', guardianName: '上海市民政局', courtAppointed: true, adequacy: 'adequate', from: '2020-01-01' }));
    const missing = await addFact(id, { kind: 'guardianship', value: 'missing' });
    expect(refusal(missing)).toMatchObject({ code: 'invalid_input', field: 'fact.value' });
    expect(factCount(id)).toBe(0);
    // An improper guardianship under the court's appointment is no contradiction.
    ok(await addFact(id, { kind: 'guardianship', value: 'improper' }));
  });

  it('a court appointment while guardianship is recorded missing: refused at the value', async () => {
    const id = await newChild('矛盾四', '2015-05-05');
    ok(await addFact(id, { kind: 'guardianship', value: 'missing' }, '2024-01-01'));
    const court = await addFact(id, { kind: 'courtAppointment', value: 'municipalInstitution' });
    expect(refusal(court)).toMatchObject({ code: 'invalid_input', field: 'fact.value' });
    ok(await addFact(id, { kind: 'guardianship', value: 'adequate' }, '2026-01-10'));
    ok(await addFact(id, { kind: 'courtAppointment', value: 'municipalInstitution' }, '2026-01-10'));
  });

  it('rows stored before the check are read consistently, the later statement standing, with an assumption', async () => {
    const id = await newChild('旧数据', '2014-03-01');
    const sqlite = host.core.context(null).sqlite;
    const insert = sqlite.prepare(
      "INSERT INTO child_status_facts (child_id, kind, value, effective_date, created_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    insert.run(id, 'familyIncome', JSON.stringify({ minimumLivingSecurity: true, lowIncomeEdge: true, extremePoverty: true, economicHardship: true }), '2026-02-01');
    insert.run(id, 'legalSupporterAbility', 'true', '2025-01-01');
    const result = await evaluate(id);
    expect(result.facts.family).toMatchObject({ minimumLivingSecurity: true, lowIncomeEdge: false, extremePoverty: true, legalSupporterAble: false });
    expect(result.factNotes.join('\n')).toContain('同时勾选了低保与低保边缘');
    expect(result.factNotes.join('\n')).toContain('与其后的特困认定');
  });
});

describe('the eligibility of the record follows the round-2 rules', () => {
  it('a 19-year-old scattered orphan, seriously ill, in a 低保边缘 family: no child’s line survives but none continuing', async () => {
    const id = ok<{ id: number }>(await call('children:create', { name: '十九岁', sex: 'male', birthDate: '2007-10-01', idNumber: null, admissionDate: '2013-10-01' })).id;
    ok(await call('record:updateProfile', { childId: id, hukouKind: 'shanghai', hukouDistrictCode: '310104' }));
    ok(await addFact(id, { kind: 'parentsStatus', value: { father: 'deceased', mother: 'deceased' } }, '2013-10-01'));
    ok(await call('record:addPlacement', { childId: id, kind: 'kinship', from: '2013-10-01' }));
    ok(await addFact(id, { kind: 'familyIncome', value: { minimumLivingSecurity: false, lowIncomeEdge: true, extremePoverty: false, economicHardship: false } }, '2025-11-01'));
    ok(await addFact(id, { kind: 'legalSupporterAbility', value: false }, '2025-11-01'));
    ok(await addFact(id, { kind: 'seriousIllness', value: true }, '2025-11-01'));
    const { evaluation } = await evaluate(id);
    expect(evaluation.age).toBe(19);
    for (const code of ['minimumLivingAllowance', 'extremePovertySupport', 'medicalInsurancePremium', 'medicalAid', 'basicLivingAllowance'] as const) {
      expect(evaluation.entitlements[code].status, code).toBe('ineligible');
    }
    expect(evaluation.entitlements.minimumLivingAllowance.reason).toContain('（本系统的理解）');
    expect(evaluation.categories).toEqual([]);
    expect(evaluation.minimumLivingAsSingleHousehold).toBe(false);
    // The roster's 今日应享待遇 and 类别 follow the same rules: nothing for the 19-year-old.
    const roster = ok<ChannelOutput<'ledger:view'>>(await call('ledger:view', { ledger: 'roster', from: '2025-12-01', to: '2026-11-29' }));
    const headers = roster.columns.map((c) => c.header);
    const line = roster.rows.find((r) => r.includes('十九岁'));
    expect(line).toBeDefined();
    expect(line![headers.indexOf('今日应享待遇')]).toBeNull();
    expect(line![headers.indexOf('困境儿童类别')]).toBeNull();
  });

  it('a police-confirmed abandoned child in the municipal institution with guardianship left adequate is an orphan and gets the allowance', async () => {
    const id = await newChild('弃婴', '2016-02-02');
    ok(await addFact(id, { kind: 'policeAbandonmentConfirmation', value: true }, '2016-02-10'));
    ok(await call('record:addPlacement', { childId: id, kind: 'municipalInstitution', from: '2016-02-10' }));
    const { evaluation } = await evaluate(id);
    expect(evaluation.categories.map((c) => c.code)).toEqual(['orphan']);
    expect(evaluation.specialChild).toBe(true);
    expect(evaluation.entitlements.basicLivingAllowance.status).toBe('eligible');
    expect(evaluation.placementResponsibility).toBe('municipalInstitution');
  });

  it('a child of ten in care with no school is flagged for 控辍保学 on the evaluation and the worklist (三(八))', async () => {
    const id = ok<{ id: number }>(await call('children:create', { name: '失学', sex: 'female', birthDate: '2016-05-05', idNumber: null, admissionDate: '2026-01-05' })).id;
    const { evaluation } = await evaluate(id);
    expect(evaluation.compulsorySchooling).toMatchObject({ flagged: true, clause: '三(八)' });
    const worklist = ok<ChannelOutput<'worklist:get'>>(await call('worklist:get', { kinds: ['compulsorySchooling'] }));
    expect(worklist.items.filter((i) => i.childId === id)).toMatchObject([{ kind: 'compulsorySchooling', clause: '三(八)', urgency: 'now' }]);
    // Enrolled in compulsory education: no longer flagged.
    ok(await call('record:addEducation', { childId: id, stage: 'compulsory', fullTime: true, enrolmentDate: '2026-09-01', standardDurationYears: 9 }));
    expect((await evaluate(id)).evaluation.compulsorySchooling.flagged).toBe(false);
    const after = ok<ChannelOutput<'worklist:get'>>(await call('worklist:get', { kinds: ['compulsorySchooling'] }));
    expect(after.items.filter((i) => i.childId === id)).toEqual([]);
  });
});
