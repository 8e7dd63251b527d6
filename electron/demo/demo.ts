import {
  autismPathwayEvents,
  benefitsReceived,
  childStatusFacts,
  children,
  disabilities,
  educationRecords,
  guardianships,
  medicalInsurance,
  mentalHealthChecks,
  mentalHealthFollowUps,
  placements,
  rehabPlans,
  reintegrationAssessments,
  vocationalRehab,
} from '../../db/schema';
import { addDays, addMonths } from '../../shared/domain/dates';
import { appendAudit } from '../services/audit/audit';
import { demoAutismPathway, demoMentalHealthFile } from './demo-files';
import { loadDemoCases } from './demo-reintegration';
import type { ServiceContext } from '../services/core/context';
import { seedDemoRehab } from './demo-rehab';
import { DEMO_STAFF, type DemoAccount, activeWith, createDemoStaff } from './demo-staff';
import { namePinyin } from '../services/record/pinyin';
import { rowInserter } from './row-inserter';
import { seededRandom } from './random';
import { type DemoRecord, demoRecords } from './records';

/** The seed of the wellbeing dates' own random stream (the records use theirs, per child). */
const DEMO_SEED = 20261129;


/**
 * The dates the worklist reads beside the record: the last yearly mental-health check (四(十二)) —
 * most within the year, about one in twenty overdue — and, for a disabled or autistic child, an
 * approved rehabilitation plan (二(七)) whose review falls in the next three months.
 */
function demoWellbeing(record: DemoRecord, today: string, rand: () => number, rehabMonths: number) {
  const born = record.child.birthDate;
  const overdue = rand() < 0.05;
  const checkedOn = addMonths(today, overdue ? -(12 + Math.floor(rand() * 3)) : -Math.floor(rand() * 11));
  const mentalHealthCheck =
    checkedOn > born && checkedOn >= (record.child.admissionDate ?? born)
      ? { checkedOn, instrument: 'SDQ', riskLevel: rand() < 0.9 ? ('none' as const) : ('watch' as const) }
      : null;
  const needsRehab = record.disabilities.length > 0 || record.facts.some((f) => f.fact.kind === 'autismDiagnosis');
  const startsOn = addMonths(today, -rehabMonths);
  const rehabPlan =
    needsRehab && startsOn > born
      ? { version: 1, status: 'approved' as const, startsOn, reviewOn: addDays(today, Math.floor(rand() * 90) - 5), summary: '康复训练计划（演示数据）' }
      : null;
  return { mentalHealthCheck, rehabPlan };
}

const DEMO_REASONS = {
  capable: '各维度评分均达到要求，能够独立生活、稳定就业，具备回归社会生活能力。',
  notCapable: '劳动能力和独立生活技能评分偏低，尚需职业康复，暂不具备回归社会生活能力。',
} as const;

type DemoOptions = {
  children: number;
  /**
   * How many months before today the rehabilitation plans started (default 6: about a hundred
   * sessions per child in rehabilitation). The benchmark uses longer plans for about a million sessions.
   */
  rehabMonths?: number;
};

/**
 * Loads the demo: its staff accounts (returned with their generated passwords, for the CLI to print),
 * then the children's records and the reintegration cases.
 */
export function loadDemoData(ctx: ServiceContext, options: DemoOptions): DemoAccount[] {
  const accounts = createDemoStaff(ctx);
  // Each child in rehabilitation has one of the demo therapists, by the child's id (any therapist if
  // the demo's own were not created because their usernames were taken).
  const allTherapists = activeWith(ctx, 'therapist');
  const demoTherapists = allTherapists.filter((t) => DEMO_STAFF.some((s) => s.username === t.username));
  const therapists = (demoTherapists.length > 0 ? demoTherapists : allTherapists).map((t) => t.id);
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  const meta = (childId: number) => ({ childId, createdAt: now, createdBy: ctx.actor?.userId ?? null });
  const insert = rowInserter(ctx.sqlite);
  // A stream of its own, so the records stay what they were before the wellbeing dates were added.
  const wellbeingRand = seededRandom(DEMO_SEED);
  const rehabRand = seededRandom(DEMO_SEED + 2);
  const mentalHealthRand = seededRandom(DEMO_SEED + 12);
  const autismRand = seededRandom(DEMO_SEED + 27);
  const pinned = new Set<number>();
  ctx.sqlite.transaction(() => {
    for (const record of demoRecords(options.children, today)) {
      const c = record.child;
      const { full, initials } = namePinyin(c.name);
      const childId = insert(children, {
        name: c.name,
        namePinyin: full,
        nameInitials: initials,
        sex: c.sex,
        birthDate: c.birthDate,
        idNumber: c.idNumber,
        status: 'inCare',
        admissionDate: c.admissionDate,
        createdAt: now,
        updatedAt: now,
        nationality: c.nationality,
        ethnicity: c.ethnicity,
        hukouKind: c.hukouKind,
        hukouDistrictCode: c.hukouDistrictCode,
        admissionSource: c.admissionSource,
        referringBody: c.referringBody,
      });
      if (record.scenario !== null) pinned.add(childId);
      for (const f of record.facts) {
        insert(childStatusFacts, { ...meta(childId), kind: f.fact.kind, value: f.fact.value, effectiveDate: f.effectiveDate, validUntil: f.validUntil, evidence: f.evidence });
      }
      for (const p of record.placements) insert(placements, { ...meta(childId), ...p });
      for (const g of record.guardianships) insert(guardianships, { ...meta(childId), ...g });
      for (const d of record.disabilities) insert(disabilities, { ...meta(childId), ...d, to: null });
      for (const e of record.education) insert(educationRecords, { ...meta(childId), ...e });
      for (const b of record.benefits) insert(benefitsReceived, { ...meta(childId), ...b });
      // The demo's decisions are in effect: approved when recorded.
      for (const a of record.assessments) insert(reintegrationAssessments, { ...meta(childId), ...a, reasons: DEMO_REASONS[a.result], approvedAt: `${a.assessedOn}T02:00:00.000Z` });
      for (const v of record.vocationalRehab) insert(vocationalRehab, { ...meta(childId), ...v });
      for (const m of record.insurance) insert(medicalInsurance, { ...meta(childId), ...m });
      const wellbeing = demoWellbeing(record, today, wellbeingRand, options.rehabMonths ?? 6);
      if (wellbeing.rehabPlan) {
        const planId = insert(rehabPlans, { ...meta(childId), ...wellbeing.rehabPlan });
        const autism = record.facts.some((f) => f.fact.kind === 'autismDiagnosis');
        seedDemoRehab(ctx, insert, { childId, planId, therapistId: therapists.length > 0 ? therapists[childId % therapists.length]! : null, birthDate: c.birthDate, startsOn: wellbeing.rehabPlan.startsOn, today, category: record.disabilities[0]?.category ?? null, autism, now }, rehabRand);
      }
      if (wellbeing.mentalHealthCheck) {
        const file = demoMentalHealthFile(wellbeing.mentalHealthCheck, record, today, now, mentalHealthRand);
        const checkId = insert(mentalHealthChecks, { ...meta(childId), ...file.check });
        for (const f of file.followUps) insert(mentalHealthFollowUps, { ...meta(childId), checkId, ...f });
      }
      for (const e of demoAutismPathway(record, today, autismRand)) insert(autismPathwayEvents, { ...meta(childId), ...e });
    }
    appendAudit(ctx, { action: 'demo.load', detail: { children: options.children } });
  })();
  // Reintegration cases in every stage, moved along by the case services (a stream of their own).
  loadDemoCases(ctx, seededRandom(DEMO_SEED + 6), pinned);
  return accounts;
}
