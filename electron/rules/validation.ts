/**
 * Parsing the rules' inputs: invalid facts or dates become a RulesValidationError naming the field.
 * Fields ChildFacts does not list are stripped (RULES.md: "Add fields freely"); listed fields that are
 * missing or hold a value outside the contract are errors.
 */
import { ValidationError } from '../../shared/contract/errors';
import { childFactsSchema } from '../../shared/domain/rules-types';
import type { ChildFacts } from '../../shared/domain/rules-types';
import { compareIsoDates, parseIsoDate } from './dates';

export type RulesIssue = {
  /** Dotted path of the field, e.g. `disability.grade`, `receiving.0`; `(root)` for the facts object itself. */
  field: string;
  message: string;
};

/**
 * Thrown by `evaluate` when its input is not valid; `field` names the first invalid field as a dotted
 * path into ChildFacts (`disability.grade`, `receiving.2`), or `asOf` for the date. It is the shared
 * contract's ValidationError (code `invalid_input`), so a service may let it cross the boundary as is.
 */
export class RulesValidationError extends ValidationError {
  declare readonly field: string;
  readonly issues: RulesIssue[];

  constructor(issues: RulesIssue[]) {
    const all = issues.length > 0 ? issues : [{ field: '(root)', message: '输入无效' }];
    const first = all[0];
    super(first.field, `${first.field}: ${first.message}`, { issues: all });
    this.name = 'RulesValidationError';
    this.issues = all;
  }
}

type ZodIssueLike = {
  code: string;
  path: PropertyKey[];
  message: string;
};

function dotted(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Whether the input holds anything at `path` (to tell a missing field from a mistyped one). */
function isPresent(input: unknown, path: readonly PropertyKey[]): boolean {
  let value: unknown = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

function toRulesIssue(issue: ZodIssueLike, input: unknown): RulesIssue {
  switch (issue.code) {
    case 'invalid_type':
      return {
        field: dotted(issue.path),
        message: isPresent(input, issue.path) ? `类型不符（${issue.message}）` : '缺少该字段',
      };
    case 'invalid_value':
    case 'invalid_union':
      return {
        field: dotted(issue.path),
        message: isPresent(input, issue.path) ? `取值不在允许范围内（${issue.message}）` : '缺少该字段',
      };
    default:
      return { field: dotted(issue.path), message: issue.message };
  }
}

/** Validates unknown input as ChildFacts; unknown fields are dropped from the result. */
export function parseFacts(input: unknown): ChildFacts {
  const result = childFactsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new RulesValidationError(result.error.issues.map((issue) => toRulesIssue(issue, input)));
}

/** Validates the evaluation date (`YYYY-MM-DD`, a real date). */
export function parseAsOf(asOf: unknown): string {
  if (typeof asOf !== 'string' || parseIsoDate(asOf) === null) {
    throw new RulesValidationError([
      { field: 'asOf', message: `评估日期须为真实存在的公历日期，格式 YYYY-MM-DD（收到 ${JSON.stringify(asOf) ?? 'undefined'}）` },
    ]);
  }
  return asOf;
}

/** Checks what the schema cannot: a child cannot be evaluated before being born. */
export function checkFactsAgainstDate(facts: ChildFacts, asOf: string): void {
  if (compareIsoDates(facts.birthDate, asOf) > 0) {
    throw new RulesValidationError([
      { field: 'birthDate', message: `出生日期 ${facts.birthDate} 晚于评估日期 ${asOf}` },
    ]);
  }
}

function invalid(field: string, message: string): never {
  throw new RulesValidationError([{ field, message }]);
}

/**
 * Contradictory or impossible facts are invalid facts (RULES.md round 2); the error names the second
 * field of each pair, or the assessment at fault (`reintegration.assessments.N.date` / `.round`).
 */
export function checkConsistency(facts: ChildFacts, asOf: string): void {
  const { family, education } = facts;
  if (family.minimumLivingSecurity && family.lowIncomeEdge) {
    invalid('family.lowIncomeEdge', '家庭不能既是最低生活保障家庭又是最低生活保障边缘家庭，请只选其一');
  }
  if (family.extremePoverty && family.legalSupporterAble) {
    invalid('family.legalSupporterAble', '已认定符合特困条件（无法定抚养人或法定抚养人无抚养能力），法定抚养人不能同时有抚养能力');
  }
  if (education.stage === 'none' || education.stage === 'finished') {
    const what = education.stage === 'none' ? '未入学' : '已完成学业';
    if (education.fullTime) invalid('education.fullTime', `就学状况为“${what}”，不能是全日制就读`);
    if (education.withinStandardDuration) invalid('education.withinStandardDuration', `就学状况为“${what}”，不存在学制规定年限内就读`);
  }
  if (facts.courtAppointedGuardian !== 'none' && facts.guardianship === 'missing') {
    invalid('guardianship', '已由人民法院指定监护人，监护状况不能是“监护缺失”');
  }
  const { assessments, vocationalRehabCompleted } = facts.reintegration;
  assessments.forEach((a, i) => {
    if (compareIsoDates(a.date, facts.birthDate) < 0) {
      invalid(`reintegration.assessments.${i}.date`, `综合评估日期 ${a.date} 早于出生日期 ${facts.birthDate}`);
    }
    if (compareIsoDates(a.date, asOf) > 0) {
      invalid(`reintegration.assessments.${i}.date`, `综合评估日期 ${a.date} 晚于评估日期 ${asOf}`);
    }
  });
  const seen = new Set<number>();
  assessments.forEach((a, i) => {
    if (seen.has(a.round)) invalid(`reintegration.assessments.${i}.round`, `第${a.round === 1 ? '一' : '二'}次综合评估只能有一次`);
    seen.add(a.round);
  });
  assessments.forEach((a, i) => {
    if (a.round !== 2) return;
    const field = `reintegration.assessments.${i}.round`;
    const firstRound = assessments.find((b) => b.round === 1 && compareIsoDates(b.date, a.date) < 0);
    if (firstRound === undefined) invalid(field, '二次综合评估之前须有首次综合评估（结论为不具备回归社会生活能力）');
    if (firstRound.result === 'capable') invalid(field, '首次综合评估已具备回归社会生活能力，不应再有二次综合评估');
    if (!vocationalRehabCompleted) invalid(field, '二次综合评估须在职业康复完成之后（“经职业康复后二次综合评估”）');
  });
}
