/**
 * An audit row's detail in words (the audit view and its Excel export): field changes as
 * "标签：之前 →之后", values entered as "标签：值", a reason last — with the labels and value names the
 * forms and the child's history use (history-format), people by name, district codes by name, moments
 * as `YYYY-MM-DD HH:mm`. Pure.
 */
import { type Words, entityLabel, fieldLabel, formatValue, labelColon } from '../record/history-format';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Fields that hold a person's account id. */
const PERSON_FIELDS = new Set(['officerId', 'therapistId', 'supervisorId', 'userId', 'ownerId', 'approvedBy', 'person', 'decidedBy']);

function isChange(value: Json): value is { field: string; before?: Json; after?: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.field === 'string';
}

/** The words of one audit row's detail, one line per field. */
export function auditDetailLines(row: { entity: string | null; detail: Json }, w: Words, people: ReadonlyMap<number, string>): string[] {
  const { entity, detail } = row;
  const colon = labelColon(w);
  const value = (field: string, v: Json): string => {
    if (PERSON_FIELDS.has(field) && typeof v === 'number') return people.get(v) ?? `#${v}`;
    if (field === 'caseId' && typeof v === 'number') return `${entityLabel('reintegrationCase', w)} #${v}`;
    return formatValue(entity, field, v, w);
  };
  const change = (c: { field: string; before?: Json; after?: Json }) => {
    const before = c.before ?? null;
    const after = c.after ?? null;
    const label = fieldLabel(entity, c.field, w);
    return before === null ? `${label}${colon}${value(c.field, after)}` : `${label}${colon}${value(c.field, before)} → ${value(c.field, after)}`;
  };
  if (detail === null) return [];
  if (typeof detail !== 'object') return [String(detail)];
  if (Array.isArray(detail)) return detail.map((c) => (isChange(c) ? change(c) : value('', c)));
  const lines: string[] = [];
  for (const [field, v] of Object.entries(detail)) {
    if (field === 'reason') continue;
    if (field === 'changes' && Array.isArray(v)) lines.push(...v.map((c) => (isChange(c) ? change(c) : value('', c))));
    // The text fields written (their words are never in the trail): named by their labels, not their codes.
    else if (field === 'textFields' && Array.isArray(v)) lines.push(`${fieldLabel(entity, field, w)}${colon}${v.map((f) => fieldLabel(entity, String(f), w)).join('、')}`);
    else lines.push(`${fieldLabel(entity, field, w)}${colon}${value(field, v)}`);
  }
  if (typeof detail.reason === 'string') lines.push(`${fieldLabel(entity, 'reason', w)}${colon}${detail.reason}`);
  return lines;
}
