/**
 * From the record to the rules: the ChildFacts of RULES.md as of a date, derived from a child's record
 * by a pure mapping (`deriveFacts` / `factsFromRecord`) kept apart from the database read
 * (`factsForChild`), so the rules never see the database and the mapping can be tested row by row.
 *
 * The reading, field by field (each decision is also noted where it is made):
 * - Voided rows count nowhere. Rows dated after `asOf` do not exist yet.
 * - Intervals (placements, guardianships, disabilities, benefits) count on `asOf` when
 *   `from ≤ asOf ≤ to` (`to` is the last day; null = still running).
 * - A status fact is "the latest of its kind effective on or before `asOf`" (ties: the later entry); a
 *   fact whose `validUntil` has passed no longer holds, and an older fact does not come back.
 * - Where the record is silent the value is the one that grants nothing by itself (false, 'none',
 *   'adequate', legal supporter able…), and an assumption says so, for the caseworker to fill in.
 * - Guardianship is read as it stood the day before the 18th birthday once the young person is 18.
 */
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type {
  AssessmentRow,
  ChildRecord,
  EducationRow,
  EvaluateChildOutput,
  FactAssumption,
  GuardianshipRow,
  ParentStatus,
  StatusFact,
  StatusFactKind,
  StatusFactRow,
} from '../../../shared/contract/record';
import { ageOn } from '../../../shared/domain/dates';
import {
  BENEFIT_CODES,
  type ChildFacts,
  PLACEMENT_LABELS_ZH,
  type Placement,
} from '../../../shared/domain/rules-types';
import { RulesValidationError, dateOfAge, evaluate } from '../../rules';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { standardDurationEnd } from '../record/record-history';
import { addDays, covers } from '../record/record-intervals';
import { live, loadRecord } from '../record/record-store';

type DerivedFacts = { facts: ChildFacts; assumptions: FactAssumption[] };

type Live = { voidedAt: string | null };
/** The parts of a record the rules read (deriveFacts): a ChildRecord is one; the batch load reads only these columns. */
export type FactsRecord = {
  child: Pick<ChildRecord['child'], 'birthDate' | 'hukouKind' | 'idNumber' | 'admissionDate' | 'dischargeDate'>;
  statusFacts: FactsStatusRow[];
  placements: (Pick<ChildRecord['placements'][number], 'from' | 'to' | 'kind'> & Live)[];
  guardianships: (Pick<GuardianshipRow, 'from' | 'to' | 'adequacy' | 'courtAppointed' | 'guardianKind'> & Live)[];
  disabilities: (Pick<ChildRecord['disabilities'][number], 'from' | 'to' | 'issuedOn' | 'validUntil' | 'grade' | 'category'> & Live)[];
  education: FactsEducationRow[];
  benefits: (Pick<ChildRecord['benefits'][number], 'from' | 'to' | 'code'> & Live)[];
  assessments: (Pick<AssessmentRow, 'assessedOn' | 'approvedAt' | 'round' | 'result'> & Live)[];
  vocationalRehab: (Pick<ChildRecord['vocationalRehab'][number], 'completedOn'> & Live)[];
};
type FactsStatusRow = Pick<StatusFactRow, 'id' | 'fact' | 'effectiveDate' | 'validUntil'> & Live;
type FactsEducationRow = Pick<EducationRow, 'id' | 'enrolmentDate' | 'actualCompletion' | 'expectedCompletion' | 'stage' | 'fullTime' | 'standardDurationYears'> & Live;

/**
 * 孤儿 (RULES.md: "as certified"): 失去父母、查找不到生父母. Each parent must be dead (死亡 or 宣告死亡)
 * or not found (查找不到). 宣告失踪, imprisonment or incapacity leave a parent in law: such a child is a
 * guardianship-missing child (事实无人抚养), recorded by a guardianship fact, not an orphan.
 */
const PARENT_LOST: ReadonlySet<ParentStatus> = new Set(['deceased', 'declaredDead', 'notFound']);

type FactOf<K extends StatusFactKind> = Extract<StatusFact, { kind: K }>;

/** The latest live fact of a kind effective on or before `asOf`, or null (none, or expired). */
export function latestFact<K extends StatusFactKind, R extends FactsStatusRow = StatusFactRow>(facts: readonly R[], kind: K, asOf: string): { row: R; value: FactOf<K>['value'] } | null {
  let best: R | null = null;
  for (const row of facts) {
    if (row.voidedAt !== null || row.fact.kind !== kind || row.effectiveDate > asOf) continue;
    if (best === null || row.effectiveDate > best.effectiveDate || (row.effectiveDate === best.effectiveDate && row.id > best.id)) best = row;
  }
  if (best === null) return null;
  // An expired statement (a yearly 低保 review not renewed, a past hardship) holds no longer; the
  // older facts it superseded do not come back.
  if (best.validUntil !== null && best.validUntil < asOf) return null;
  return { row: best, value: best.fact.value as FactOf<K>['value'] };
}

/** A dated candidate value; the latest date wins, and on the same date a status fact beats the history. */
type Dated<T> = { date: string; value: T; source: 'interval' | 'gap' | 'fact' };

function latestOf<T>(candidates: (Dated<T> | null)[]): Dated<T> | null {
  let best: Dated<T> | null = null;
  for (const c of candidates) {
    if (c === null) continue;
    if (best === null || c.date > best.date || (c.date === best.date && c.source === 'fact' && best.source !== 'fact')) best = c;
  }
  return best;
}

/** The live interval covering `asOf` (the latest-starting one, should overlaps ever exist). */
function covering<T extends { from: string; to: string | null; voidedAt: string | null }>(rows: readonly T[], asOf: string): T | null {
  return live(rows)
    .filter((r) => covers(r, asOf))
    .reduce<T | null>((best, r) => (best === null || r.from >= best.from ? r : best), null);
}

/** Derives ChildFacts from the record as of `asOf`, with the assumptions made where the record is silent. */
export function deriveFacts(record: FactsRecord, asOf: string): DerivedFacts {
  const assumptions: FactAssumption[] = [];
  const assume = (field: string, message: string) => assumptions.push({ field, message });
  const { child } = record;
  // The status facts by kind, so each lookup below scans only its own kind.
  const factsByKind = new Map<StatusFactKind, FactsStatusRow[]>();
  for (const row of record.statusFacts) {
    const list = factsByKind.get(row.fact.kind);
    if (list) list.push(row);
    else factsByKind.set(row.fact.kind, [row]);
  }
  const factOn = <K extends StatusFactKind>(kind: K, date: string) => latestFact(factsByKind.get(kind) ?? [], kind, date);
  const fact = <K extends StatusFactKind>(kind: K) => factOn(kind, asOf);

  // hukou: the profile's hukou kind; when unrecorded, an ID number issued in Shanghai (prefix 31)
  // stands for a Shanghai hukou, anything else for 'other' — both flagged.
  let hukou: ChildFacts['hukou'];
  if (child.hukouKind !== null) {
    hukou = child.hukouKind;
  } else {
    hukou = child.idNumber?.startsWith('31') ? 'shanghai' : 'other';
    assume('hukou', hukou === 'shanghai' ? '未登记户籍，按身份证号（上海签发）视为本市户籍' : '未登记户籍，按外省市户籍处理');
  }

  // orphan: from the latest parents' status (see PARENT_LOST).
  const parents = fact('parentsStatus');
  const orphan = parents !== null && PARENT_LOST.has(parents.value.father) && PARENT_LOST.has(parents.value.mother);
  if (parents === null) assume('orphan', '未登记父母状况，按非孤儿处理');

  // abandonedConfirmedByPolice: the latest police confirmation fact.
  const abandonedConfirmedByPolice = fact('policeAbandonmentConfirmation')?.value ?? false;

  // guardianship and courtAppointedGuardian: guardianship is a minor's matter (民法典 第二十七条) and ends
  // with the 18th birthday, while the policy's continuation after 18 (一(一)) and reintegration (一(四))
  // refer to the status the young person had as a minor. So from the 18th birthday on both are read as
  // they stood on the day before it; before that, as of asOf.
  // Two sources speak of them — the guardianship history (who the guardian is, on what basis, how
  // adequately) and dated determinations (a 监护缺失/监护不当 finding, a court appointment). The
  // latest-dated statement wins: the interval covering the date dates from its start; a gap after the
  // last guardianship ended dates from the day after and means no guardian (missing); a fact dates
  // from its effective date and wins a tie.
  const eighteenth = dateOfAge(child.birthDate, 18);
  const guardianshipAsOf = asOf >= eighteenth ? addDays(eighteenth, -1) : asOf;
  const liveGuardianships = live(record.guardianships);
  const guardian = covering(liveGuardianships, guardianshipAsOf);
  const lastEnded = guardian
    ? null
    : liveGuardianships
        .filter((g) => g.to !== null && g.to < guardianshipAsOf)
        .reduce<(typeof liveGuardianships)[number] | null>((b, g) => (b === null || g.to! > b.to! ? g : b), null);
  const guardianshipFact = factOn('guardianship', guardianshipAsOf);
  const guardianship = latestOf<ChildFacts['guardianship']>([
    guardian ? { date: guardian.from, value: guardian.adequacy, source: 'interval' } : null,
    lastEnded ? { date: addDays(lastEnded.to!, 1), value: 'missing', source: 'gap' } : null,
    guardianshipFact ? { date: guardianshipFact.row.effectiveDate, value: guardianshipFact.value, source: 'fact' } : null,
  ]);
  if (guardianship === null) assume('guardianship', '未登记监护情况，按监护正常处理');
  else if (guardianship.source === 'gap') assume('guardianship', `原监护已于 ${lastEnded!.to} 结束，此后无监护人记录，按监护缺失处理`);

  // Only civil affairs or the municipal institution appointed by a court count for 一(四); a court-appointed
  // relative is 'none' here.
  const courtFact = factOn('courtAppointment', guardianshipAsOf);
  const courtAppointed = latestOf<ChildFacts['courtAppointedGuardian']>([
    guardian
      ? {
          date: guardian.from,
          value: guardian.courtAppointed && (guardian.guardianKind === 'civilAffairs' || guardian.guardianKind === 'municipalInstitution') ? guardian.guardianKind : 'none',
          source: 'interval',
        }
      : null,
    courtFact ? { date: courtFact.row.effectiveDate, value: courtFact.value, source: 'fact' } : null,
  ]);

  // placement: the placement covering asOf. With none recorded, a child admitted and not discharged on
  // asOf is taken to be in the institution's own care (municipal institution), anyone else in a family;
  // both flagged.
  let placement: Placement;
  const placed = covering(record.placements, asOf);
  if (placed) {
    placement = placed.kind;
  } else {
    const inCare = child.admissionDate !== null && child.admissionDate <= asOf && (child.dischargeDate === null || child.dischargeDate > asOf);
    placement = inCare ? 'municipalInstitution' : 'family';
    assume('placement', `${asOf} 无安置记录，按“${PLACEMENT_LABELS_ZH[placement]}”处理`);
  }

  // disability: the disability interval covering asOf whose certificate is issued and still valid on
  // asOf (an expired certificate counts as none until renewed). Should two ever cover it, the most
  // severe (lowest grade) wins.
  const liveDisabilities = live(record.disabilities).filter((d) => covers(d, asOf));
  const validDisabilities = liveDisabilities.filter((d) => (d.issuedOn === null || d.issuedOn <= asOf) && (d.validUntil === null || d.validUntil >= asOf));
  const disabilityRow = validDisabilities.reduce<(typeof validDisabilities)[number] | null>((b, d) => (b === null || d.grade < b.grade ? d : b), null);
  const disability = disabilityRow ? { category: disabilityRow.category, grade: disabilityRow.grade } : null;
  if (disabilityRow === null && liveDisabilities.length > 0) {
    const expired = liveDisabilities.find((d) => d.validUntil !== null && d.validUntil < asOf);
    assume('disability', expired ? `残疾证已于 ${expired.validUntil} 过期，按无残疾处理` : '残疾证尚未发证，按无残疾处理');
  }

  // family: the latest family-income determination (all false without one). legalSupporterAble defaults
  // to true: "no able supporter" opens 特困 support, so it must be recorded, not assumed.
  // Contradictions (RULES.md round 2) are refused when entered (record/fact-consistency.ts); rows
  // stored before that are read so that the facts stay consistent, the later statement standing, and
  // an assumption says so.
  const incomeFact = fact('familyIncome');
  const income = incomeFact?.value;
  const supporter = fact('legalSupporterAbility');
  let extremePoverty = income?.extremePoverty ?? false;
  let legalSupporterAble = supporter?.value ?? true;
  if (supporter === null && extremePoverty) {
    legalSupporterAble = false;
    assume('family.legalSupporterAble', '未登记法定抚养人抚养能力；已认定特困，按无法定抚养人或法定抚养人无抚养能力处理');
  } else if (supporter === null) {
    assume('family.legalSupporterAble', '未登记法定抚养人抚养能力，按有抚养能力处理');
  } else if (extremePoverty && legalSupporterAble) {
    if (supporter.row.effectiveDate > incomeFact!.row.effectiveDate) {
      extremePoverty = false;
      assume('family.extremePoverty', `特困认定（${incomeFact!.row.effectiveDate}）与其后登记的“法定抚养人有抚养能力”（${supporter.row.effectiveDate}）矛盾，按后者处理`);
    } else {
      legalSupporterAble = false;
      assume('family.legalSupporterAble', `“法定抚养人有抚养能力”（${supporter.row.effectiveDate}）与其后的特困认定（${incomeFact!.row.effectiveDate}）矛盾，按后者处理`);
    }
  }
  let lowIncomeEdge = income?.lowIncomeEdge ?? false;
  if (lowIncomeEdge && income?.minimumLivingSecurity) {
    lowIncomeEdge = false;
    assume('family.lowIncomeEdge', `家庭经济状况（${incomeFact!.row.effectiveDate}）同时勾选了低保与低保边缘，按低保家庭处理，请更正`);
  }
  const family: ChildFacts['family'] = {
    minimumLivingSecurity: income?.minimumLivingSecurity ?? false,
    lowIncomeEdge,
    extremePoverty,
    legalSupporterAble,
    economicHardship: income?.economicHardship ?? false,
    suddenHardship: fact('suddenHardship')?.value ?? false,
  };

  const education = educationOn(record.education, asOf);
  if (education.source === null && ageOn(child.birthDate, asOf) >= 3) assume('education', `${asOf} 无就学记录，按未入学处理`);

  // receiving: every benefit whose interval covers asOf, each code once, in the contract's order.
  const receivingSet = new Set(live(record.benefits).filter((b) => covers(b, asOf)).map((b) => b.code));

  // reintegration: approved assessments dated on or before asOf (later ones have not happened yet; a
  // decision awaiting a supervisor's approval has no effect); vocational rehabilitation counts once
  // completed on or before asOf.
  const approved = live(record.assessments)
    .filter((a) => a.assessedOn <= asOf && a.approvedAt !== null)
    .map((a) => ({ date: a.assessedOn, round: a.round, result: a.result }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const vocationalRehabCompleted = live(record.vocationalRehab).some((v) => v.completedOn !== null && v.completedOn <= asOf);
  // The reintegration service refuses assessments out of order; rows that still are (a round 1 voided
  // after its round 2, older data) are left out with an assumption, so the facts stay valid (RULES.md
  // round 2): one assessment per round, a round 2 only after a round-1 "not capable" and completed
  // vocational rehabilitation, none before the birth.
  const assessments: ChildFacts['reintegration']['assessments'] = [];
  for (const a of approved) {
    const first = assessments.find((b) => b.round === 1);
    const fits =
      a.date >= child.birthDate &&
      !assessments.some((b) => b.round === a.round) &&
      (a.round === 1 || (first !== undefined && first.result === 'notCapable' && first.date < a.date && vocationalRehabCompleted));
    if (fits) assessments.push(a);
    else assume('reintegration.assessments', `${a.date} 的${a.round === 1 ? '首次' : '二次'}综合评估与其他评估记录不符（轮次或顺序），未予考虑，请核对`);
  }

  // A court-appointed guardian and guardianship missing contradict each other: the later statement stands.
  let guardianshipValue = guardianship?.value ?? 'adequate';
  let courtValue = courtAppointed?.value ?? 'none';
  if (guardianshipValue === 'missing' && courtValue !== 'none') {
    if (courtAppointed!.date >= guardianship!.date) {
      guardianshipValue = 'adequate';
      assume('guardianship', `${courtAppointed!.date} 起由法院指定监护人，此前的监护缺失不再成立，按监护正常处理`);
    } else {
      courtValue = 'none';
      assume('courtAppointedGuardian', `${guardianship!.date} 起监护缺失，此前的法院指定监护按已不存在处理，请核对`);
    }
  }

  const facts: ChildFacts = {
    birthDate: child.birthDate,
    hukou,
    orphan,
    abandonedConfirmedByPolice,
    guardianship: guardianshipValue,
    courtAppointedGuardian: courtValue,
    placement,
    disability,
    autism: fact('autismDiagnosis')?.value ?? false,
    seriousIllness: fact('seriousIllness')?.value ?? false,
    family,
    migrant: fact('migrant')?.value ?? false,
    leftBehind: fact('leftBehind')?.value ?? false,
    education: education.facts,
    receiving: BENEFIT_CODES.filter((code) => receivingSet.has(code)),
    reintegration: { assessments, vocationalRehabCompleted },
  };
  return { facts, assumptions };
}

/**
 * education: the enrolment current on asOf is the live one with the latest enrolment date on or before
 * asOf. If its study ended (actual completion, graduated or left) on or before asOf the stage is
 * 'finished'; otherwise its stage and full-time flag, and withinStandardDuration holds while asOf is
 * within the standard duration (学制) counted from enrolment, i.e. up to the day before the N-th
 * anniversary (an expected completion entered by hand does not move it). No enrolment: 'none'.
 */
export function educationOn<R extends FactsEducationRow>(rows: readonly R[], asOf: string): { facts: ChildFacts['education']; source: R | null } {
  const current = live(rows)
    .filter((e) => e.enrolmentDate <= asOf)
    .reduce<R | null>((b, e) => (b === null || e.enrolmentDate > b.enrolmentDate || (e.enrolmentDate === b.enrolmentDate && e.id > b.id) ? e : b), null);
  if (current === null) return { facts: { stage: 'none', fullTime: false, withinStandardDuration: false }, source: null };
  if (current.actualCompletion !== null && current.actualCompletion <= asOf) {
    return { facts: { stage: 'finished', fullTime: false, withinStandardDuration: false }, source: current };
  }
  return {
    facts: {
      stage: current.stage,
      fullTime: current.fullTime,
      withinStandardDuration: asOf <= standardDurationEnd(current.enrolmentDate, current.standardDurationYears),
    },
    source: current,
  };
}

/** The ChildFacts of a record as of `asOf` (RULES.md). Pure. */
export function factsFromRecord(record: FactsRecord, asOf: string): ChildFacts {
  return deriveFacts(record, asOf).facts;
}

function loadForFacts(ctx: ServiceContext, childId: number, asOf: string): ChildRecord {
  const record = loadRecord(ctx, childId, { forFacts: true });
  if (!record) throw new AppError('not_found', '未找到该儿童的档案');
  if (asOf < record.child.birthDate) throw new ValidationError('asOf', `评估日期不能早于出生日期（${record.child.birthDate}）`);
  return record;
}

/** The ChildFacts of one child as of `asOf`, from the database (nine indexed queries; not audited). */
export function factsForChild(ctx: ServiceContext, childId: number, asOf: string): ChildFacts {
  return factsFromRecord(loadForFacts(ctx, childId, asOf), asOf);
}

/**
 * What the policy gives one child on `asOf` (default: today): the facts, the assumptions behind them,
 * and the rules' Evaluation. Audited as a read of the child's record.
 */
export function evaluateChild(ctx: ServiceContext, childId: number, asOf: string = ctx.clock.today()): EvaluateChildOutput {
  const record = loadForFacts(ctx, childId, asOf);
  const { facts, assumptions } = deriveFacts(record, asOf);
  let evaluation;
  try {
    evaluation = evaluate(facts, asOf);
  } catch (error) {
    if (error instanceof RulesValidationError) throw new ValidationError(`facts.${error.field}`, error.message);
    throw error;
  }
  inTransaction(ctx, () => appendAudit(ctx, { action: 'child.evaluate', entity: 'child', entityId: childId, childId, detail: { asOf } }));
  return { asOf, facts, assumptions, evaluation };
}
