/**
 * The children list's filters through the router (issue 3, item 3), over the demo data set plus a few
 * explicit children: category (from the rules, as the eligibility tab reads them), current placement,
 * age band, hukou district and status each return exactly the children the record says, alone and
 * combined with each other and with the search. The expected sets are computed here another way:
 * each child's evaluation ('rules:evaluateChild') and record ('record:get'), one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { loadDemoData } from '../../electron/demo/demo';
import { createUser } from '../../electron/services/users/users';
import { AGE_BANDS, type AgeBand, type ChildListInput, type ChildSummary, DISTRICT_FILTERS, PLACEMENT_FILTERS } from '../../shared/contract/children';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { ChildRecord, EvaluateChildOutput } from '../../shared/contract/record';
import { ageOn } from '../../shared/domain/dates';
import { CATEGORY_CODES, type CategoryCode } from '../../shared/domain/rules-types';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'F1lters!password';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
let user: SessionUser;
let n = 0;
const call = <T>(channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`f-${n}`, user);
  return host.router.dispatch(`f-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};
const list = async (input: ChildListInput) => ok<{ total: number; rows: ChildSummary[] }>(await call('children:list', { status: null, limit: 500, ...input }));
const ids = async (input: ChildListInput) => {
  const result = await list(input);
  expect(result.rows).toHaveLength(result.total);
  return result.rows.map((r) => r.id).sort((a, b) => a - b);
};

type Known = { id: number; status: ChildSummary['status']; name: string; categories: CategoryCode[]; placement: string; ageBand: AgeBand; district: string | null };
const known: Known[] = [];
let today: string;

function bandOf(age: number): AgeBand {
  if (age <= 2) return '0-2';
  if (age <= 5) return '3-5';
  if (age <= 11) return '6-11';
  if (age <= 15) return '12-15';
  if (age <= 17) return '16-17';
  return '18+';
}
const expected = (test: (k: Known) => boolean) => known.filter(test).map((k) => k.id).sort((a, b) => a - b);

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  loadDemoData(ctx, { children: 60 });
  createUser(ctx, { username: 'u_both', displayName: '社工兼主管', password: PASSWORD, roles: ['caseworker', 'supervisor'] });
  user = ok<SessionUser>(await host.router.dispatch('login', 'auth:login', { username: 'u_both', password: PASSWORD }));

  // Explicit children: a migrant child from another province with no placement; a left-behind baby in
  // Jing'an in kinship care, discharged; a disabled 16-year-old in foster care in Chongming.
  const migrant = ok<ChildSummary>(await call('children:create', { name: '流动甲', sex: 'male', birthDate: '2019-04-02', idNumber: null, admissionDate: '2025-01-10' })).id;
  ok(await call('record:updateProfile', { childId: migrant, hukouKind: 'other', hukouProvinceCode: '34' }));
  ok(await call('record:addStatusFact', { childId: migrant, fact: { kind: 'migrant', value: true }, effectiveDate: '2025-01-10' }));
  const baby = ok<ChildSummary>(await call('children:create', { name: '留守乙', sex: 'female', birthDate: '2025-02-28', idNumber: null, admissionDate: '2025-03-01' })).id;
  ok(await call('record:updateProfile', { childId: baby, hukouKind: 'shanghai', hukouDistrictCode: '310106' }));
  ok(await call('record:addStatusFact', { childId: baby, fact: { kind: 'leftBehind', value: true }, effectiveDate: '2025-03-01' }));
  ok(await call('record:addPlacement', { childId: baby, kind: 'kinship', from: '2025-03-01' }));
  const teen = ok<ChildSummary>(await call('children:create', { name: '残疾丙', sex: 'male', birthDate: '2010-11-29', idNumber: null, admissionDate: '2011-01-01' })).id;
  ok(await call('record:updateProfile', { childId: teen, hukouKind: 'shanghai', hukouDistrictCode: '310151' }));
  ok(await call('record:setDisability', { childId: teen, category: 'physical', grade: 2, from: '2015-01-01' }));
  ok(await call('record:addPlacement', { childId: teen, kind: 'foster', from: '2011-01-01' }));
  // Discharged on the 1st of this month: the kinship placement ends then, so today there is none.
  ok(await call('children:discharge', { childId: baby, date: '2026-11-01', reason: 'returnedToFamily' }));

  const all = await list({});
  for (const child of all.rows) {
    const evaluation = ok<EvaluateChildOutput>(await call('rules:evaluateChild', { childId: child.id }));
    today = evaluation.asOf;
    const record = ok<ChildRecord>(await call('record:get', { childId: child.id }));
    const placed = record.placements.find((p) => p.voidedAt === null && p.from <= today && (p.to === null || p.to >= today));
    known.push({
      id: child.id,
      status: child.status,
      name: child.name,
      categories: evaluation.evaluation.categories.map((c) => c.code),
      placement: placed?.kind ?? 'none',
      ageBand: bandOf(ageOn(child.birthDate, today)),
      district: record.child.hukouKind === 'other' ? 'other' : record.child.hukouDistrictCode,
    });
  }
  expect(known.length).toBe(63);
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('children:list filters', () => {
  it('category: exactly the children the rules put in it today', async () => {
    let nonTrivial = 0;
    for (const code of CATEGORY_CODES) {
      const want = expected((k) => k.categories.includes(code));
      expect(await ids({ categories: [code] }), code).toEqual(want);
      if (want.length > 0 && want.length < known.length) nonTrivial += 1;
    }
    expect(nonTrivial).toBeGreaterThanOrEqual(4);
    expect(await ids({ categories: ['migrant', 'leftBehind'] })).toEqual(expected((k) => k.categories.includes('migrant') || k.categories.includes('leftBehind')));
  });

  it('category answers change when the record does (nothing stale)', async () => {
    // A child under 18: from 18 a category is listed only while it grounds a line that continues (RULES.md round 2).
    const target = known.find((k) => !k.categories.includes('migrant') && k.ageBand !== '18+')!;
    expect(await ids({ categories: ['migrant'] })).not.toContain(target.id);
    const fact = ok<{ id: number }>(await call('record:addStatusFact', { childId: target.id, fact: { kind: 'migrant', value: true }, effectiveDate: '2026-01-01' }));
    expect(await ids({ categories: ['migrant'] })).toContain(target.id);
    ok(await call('record:void', { childId: target.id, entity: 'statusFact', id: fact.id, reason: '录错儿童' }));
    expect(await ids({ categories: ['migrant'] })).not.toContain(target.id);
  });

  it('placement: the placement covering today, or none', async () => {
    for (const kind of PLACEMENT_FILTERS) {
      expect(await ids({ placements: [kind] }), kind).toEqual(expected((k) => k.placement === kind));
    }
    expect(known.some((k) => k.placement === 'none')).toBe(true);
    expect(new Set(known.map((k) => k.placement)).size).toBeGreaterThanOrEqual(3);
    expect(await ids({ placements: ['foster', 'none'] })).toEqual(expected((k) => k.placement === 'foster' || k.placement === 'none'));
  });

  it('age band: whole years today, each child in exactly one band', async () => {
    const seen: number[] = [];
    for (const band of AGE_BANDS) {
      const got = await ids({ ageBands: [band] });
      expect(got, band).toEqual(expected((k) => k.ageBand === band));
      seen.push(...got);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(known.map((k) => k.id).sort((a, b) => a - b));
    // The 16-year-old's birthday is today: 16, not 15.
    const teen = known.find((k) => k.name === '残疾丙')!;
    expect(teen.ageBand).toBe('16-17');
  });

  it('district: the hukou district code, or another province', async () => {
    for (const district of DISTRICT_FILTERS) {
      expect(await ids({ districts: [district] }), district).toEqual(expected((k) => k.district === district));
    }
    expect(new Set(known.map((k) => k.district)).size).toBeGreaterThanOrEqual(5);
    expect(await ids({ districts: ['other'] })).toContain(known.find((k) => k.name === '流动甲')!.id);
    expect(await ids({ districts: ['310151', '310106'] })).toEqual(expected((k) => k.district === '310151' || k.district === '310106'));
  });

  it('filters combine with each other, with the status and with the search', async () => {
    expect(await ids({ categories: ['disabled'], placements: ['foster'], ageBands: ['16-17'], districts: ['310151'] })).toEqual(
      expected((k) => k.categories.includes('disabled') && k.placement === 'foster' && k.ageBand === '16-17' && k.district === '310151'),
    );
    expect(await ids({ categories: ['disabled'], districts: ['310151'] })).toContain(known.find((k) => k.name === '残疾丙')!.id);
    expect(await ids({ status: 'discharged', categories: ['leftBehind'] })).toEqual(expected((k) => k.status === 'discharged' && k.categories.includes('leftBehind')));
    expect(await ids({ status: 'inCare', categories: ['leftBehind'] })).not.toContain(known.find((k) => k.name === '留守乙')!.id);
    // Search by pinyin initials with a filter: 流动甲 → ldj.
    expect(await ids({ query: 'ldj', districts: ['other'] })).toEqual([known.find((k) => k.name === '流动甲')!.id]);
    expect(await ids({ query: 'ldj', districts: ['310115'] })).toEqual([]);
    const orphans = await list({ categories: ['orphan'], limit: 5, sort: 'birthDate', direction: 'desc' });
    expect(orphans.rows).toHaveLength(5);
    expect(orphans.total).toBe(expected((k) => k.categories.includes('orphan')).length);
    const births = orphans.rows.map((r) => r.birthDate);
    expect(births).toEqual([...births].sort().reverse());
  });

  it('an unknown filter value is invalid_input naming it', async () => {
    for (const [input, field] of [
      [{ categories: ['poor'] }, 'categories.0'],
      [{ placements: ['orphanage'] }, 'placements.0'],
      [{ ageBands: ['1-3'] }, 'ageBands.0'],
      [{ districts: ['310103'] }, 'districts.0'],
    ] as const) {
      const result = await call('children:list', input);
      expect(!result.ok && [result.error.code, result.error.field]).toEqual(['invalid_input', field]);
    }
  });
});
