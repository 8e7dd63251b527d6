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
