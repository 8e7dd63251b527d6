/**
 * The history tab's words: audit entries (codes, field names, stored values) into readable Chinese or
 * English, through the `registry.*` messages. Pure: `w.tr` looks a message up and answers null when
 * there is none, so an action or field this file does not know yet still shows, by its code.
 */
import type { HistoryChange, HistoryEntry } from '../../../shared/contract/history';
import { PROVINCE_PREFIXES, districtName } from '../../../shared/domain/districts';
import { toIsoDate } from '../../../shared/domain/dates';
import { formatDateTime, isIsoMoment } from '../../components/date-time';

export type Translate = (key: string, vars?: Record<string, string | number>) => string | null;
/** The message lookup and the language (district names come from shared/domain in both). */
export type Words = { tr: Translate; lang: 'zh' | 'en' };
type Json = HistoryChange['after'];

/** Parts of the record kept as dated intervals: their entries read "ended … on …", "started … from …". */
const INTERVAL_ENTITIES = new Set(['placement', 'guardianship', 'benefit', 'disability']);

/** The verb of an audited action: placement.end → end. */
function verbOf(action: string): string {
  return action.slice(action.lastIndexOf('.') + 1);
}

/** Fields never shown (bookkeeping of a document's content). */
const HIDDEN_FIELDS = new Set(['document.mime', 'document.size', 'document.sha256']);

/** Which coded value list a field's values come from (`registry.values.<list>.<code>`). */
const VALUE_LISTS: Record<string, string> = {
  'child.sex': 'sex',
  'child.status': 'status',
  'child.hukouKind': 'hukouKind',
  'child.admissionSource': 'admissionSource',
  'placement.kind': 'placement',
  'guardianship.guardianKind': 'guardianKind',
  'guardianship.adequacy': 'adequacy',
  'education.stage': 'stage',
  'education.outcome': 'outcome',
  'disability.category': 'disabilityCategory',
  'assessment.result': 'assessmentResult',
  'document.kind': 'documentKind',
  'statusFact.kind': 'statusFactKind',
  'mentalHealthCheck.riskLevel': 'riskLevel',
  'autismEvent.stage': 'autismStage',
};

/** The colon after a label: full-width in Chinese, ": " in English. */
export function labelColon(w: Words): string {
  return w.lang === 'en' ? ': ' : '：';
}

function coded(w: Words, list: string, code: string): string {
  return w.tr(`registry.values.${list}.${code}`) ?? code;
}

function plain(value: Json, w: Words): string {
  if (value === null || value === '') return w.tr('registry.history.emptyValue') ?? '—';
  if (typeof value === 'boolean') return (value ? w.tr('registry.history.yes') : w.tr('registry.history.no')) ?? String(value);
  if (Array.isArray(value)) return value.length === 0 ? (w.tr('registry.history.emptyValue') ?? '—') : value.map((v) => plain(v, w)).join('、');
  if (typeof value === 'object') {
    // A nested record (values entered together): each part with its label, never JSON.
    return Object.entries(value)
      .map(([k, v]) => `${fieldLabel(null, k, w)}${labelColon(w)}${plain(v ?? null, w)}`)
      .join(w.lang === 'en' ? '; ' : '；');
  }
  if (typeof value === 'string' && isIsoMoment(value)) return formatDateTime(value);
  return String(value);
}

/** A status fact's value, read by its kind (parents' status, family income flags, a finding, yes/no). */
export function formatStatusFactValue(kind: string | null, value: Json, w: Words): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if (kind === 'parentsStatus') {
      const parent = (v: Json) => (typeof v === 'string' ? coded(w, 'parentStatus', v) : plain(v, w));
      return w.tr('registry.history.parents', { father: parent(value.father ?? null), mother: parent(value.mother ?? null) }) ?? JSON.stringify(value);
    }
    if (kind === 'familyIncome') {
      const flags = Object.entries(value).filter(([, v]) => v === true).map(([k]) => coded(w, 'familyIncome', k));
      return flags.length > 0 ? flags.join('、') : (w.tr('registry.history.noneOfThese') ?? '—');
    }
  }
  if (typeof value === 'string') {
    if (kind === 'guardianship') return coded(w, 'adequacy', value);
    if (kind === 'courtAppointment') return coded(w, 'courtAppointment', value);
  }
  return plain(value, w);
}

/** One stored value of `entity.field` as a person reads it. `statusFactKind` reads a status fact's value. */
export function formatValue(entity: string | null, field: string, value: Json, w: Words, statusFactKind: string | null = null): string {
  if (value === null || value === '') return plain(value, w);
  const key = `${entity ?? ''}.${field}`;
  if (key === 'statusFact.value') return formatStatusFactValue(statusFactKind, value, w);
  if (key === 'benefit.code' && typeof value === 'string') return w.tr(`benefits.${value}`) ?? value;
  if (key === 'child.dischargeReason' && typeof value === 'string') return w.tr(`registry.reasons.${value}`) ?? value;
  if (key === 'child.hukouDistrictCode' && typeof value === 'string') return districtName(value, w.lang) ?? value;
  if (key === 'child.hukouProvinceCode' && typeof value === 'string') return PROVINCE_PREFIXES[value] ?? value;
  if (key === 'child.photoDocumentId') return w.tr('registry.history.photoSet') ?? String(value);
  // District codes wherever they are kept (户籍区, 接收安置区…): the district's name.
  if (/district(Code)?$/i.test(field) && typeof value === 'string' && /^\d{6}$/.test(value)) return districtName(value, w.lang) ?? value;
  if (typeof value === 'string' && /^[a-zA-Z]+$/.test(value)) {
    const named = w.tr(`read.audit.values.${field}.${value}`);
    if (named) return named;
  }
  const list = VALUE_LISTS[key];
  if (list && typeof value === 'string') return coded(w, list, value);
  if (typeof value === 'number') {
    if (field.endsWith('Fen')) return w.tr('registry.history.yuan', { n: (value / 100).toFixed(2) }) ?? String(value);
    if (key === 'disability.grade') return w.tr('registry.history.grade', { n: value }) ?? String(value);
    if (key === 'education.standardDurationYears') return w.tr('registry.history.years', { n: value }) ?? String(value);
    if (key === 'assessment.round') return w.tr('registry.history.round', { n: value }) ?? String(value);
  }
  return plain(value, w);
}

/** The label of a field of a part of the record ("安置方式"), or the code. */
export function fieldLabel(entity: string | null, field: string, w: Words): string {
  return (
    (entity === null ? null : w.tr(`registry.fields.${entity}.${field}`)) ??
    w.tr(`read.audit.fields.${entity ?? 'any'}.${field}`) ??
    w.tr(`read.audit.fields.any.${field}`) ??
    (entity === null ? w.tr(`registry.fields.child.${field}`) : null) ??
    field
  );
}

/** What an action is called ("新增安置"), or its code. */
export function actionLabel(action: string, w: Words): string {
  return w.tr(`registry.actions.${action}`) ?? w.tr(`admin.actions.${action}`) ?? w.tr(`read.audit.actions.${action}`) ?? action;
}

/** The part of the record, as a noun ("安置"). */
export function entityLabel(entity: string | null, w: Words): string {
  return entity === null ? '' : (w.tr(`registry.entities.${entity}`) ?? w.tr(`read.audit.entities.${entity}`) ?? entity);
}

/** A short name for the row an entry is about: "家庭寄养", "亲属“张三”", "肢体残疾 2级"… */
export function describeSubject(entity: string | null, subject: HistoryEntry['subject'], w: Words): string {
  if (subject === null) return '';
  const v = (field: string) => formatValue(entity, field, subject[field] ?? null, w);
  switch (entity) {
    case 'placement':
      return subject.place ? `${v('kind')}（${String(subject.place)}）` : v('kind');
    case 'guardianship':
      return `${v('guardianKind')} ${String(subject.guardianName ?? '')}`.trim();
    case 'benefit':
      return v('code');
    case 'disability':
      return `${v('category')} ${v('grade')}`;
    case 'education':
      return subject.school ? `${v('stage')}（${String(subject.school)}）` : v('stage');
    case 'statusFact':
      return `${v('kind')}${labelColon(w)}${formatStatusFactValue(typeof subject.kind === 'string' ? subject.kind : null, subject.value ?? null, w)}`;
    case 'document':
      return `${v('kind')}${labelColon(w)}${String(subject.title ?? '')}`;
    case 'assessment':
      return `${v('round')} ${v('result')}`;
    case 'medicalInsurance':
      return String(subject.year ?? '');
    case 'medicalAidClaim':
      return String(subject.claimDate ?? '');
    case 'vocationalRehab':
      return String(subject.from ?? '');
    case 'mentalHealthCheck':
      return `${String(subject.checkedOn ?? '')} ${v('riskLevel')}`;
    case 'autismEvent':
      return `${v('stage')} ${String(subject.occurredOn ?? '')}`;
    default:
      return '';
  }
}

/** A line under an entry: a sentence, or a field with its value before and after (before null: a value entered). */
export type HistoryLine =
  | { type: 'sentence'; text: string }
  | { type: 'field'; label: string; before: string | null; after: string; beforeEmpty: boolean };

function changeOf(entry: HistoryEntry, field: string): HistoryChange | undefined {
  return entry.changes.find((c) => c.field === field);
}

/** What to show under one entry: interval sentences, field changes before → after, the reason. */
export function describeEntry(entry: HistoryEntry, w: Words): HistoryLine[] {
  const lines: HistoryLine[] = [];
  const verb = verbOf(entry.action);
  const entity = entry.entity;
  const noun = entityLabel(entity, w);
  const subject = describeSubject(entity, entry.subject, w);
  const say = (key: string, vars: Record<string, string>) => lines.push({ type: 'sentence', text: w.tr(key, vars) ?? Object.values(vars).join(' ') });
  const sfKind = (() => {
    const kind = changeOf(entry, 'kind')?.after ?? entry.subject?.kind ?? null;
    return typeof kind === 'string' ? kind : null;
  })();

  if (entry.kind === 'view') return lines;
  if (verb === 'void') {
    say('registry.history.voided', { entity: noun, subject });
  } else if (entity !== null && INTERVAL_ENTITIES.has(entity) && verb === 'end') {
    const to = changeOf(entry, 'to')?.after ?? entry.subject?.to ?? null;
    say('registry.history.ended', { entity: noun, subject, date: typeof to === 'string' ? to : '—' });
  } else if (entity !== null && INTERVAL_ENTITIES.has(entity) && (verb === 'add' || verb === 'set')) {
    const from = changeOf(entry, 'from')?.after ?? entry.subject?.from ?? null;
    const to = changeOf(entry, 'to')?.after ?? null;
    // The subject as it was entered (its kind now could only differ by a later void and re-entry).
    const vars = { entity: noun, subject, from: String(from ?? '—'), date: String(from ?? '—'), to: String(to ?? '') };
    say(typeof to === 'string' ? 'registry.history.startedUntil' : 'registry.history.started', vars);
  } else if (entry.action !== 'child.create') {
    for (const change of entry.changes) {
      if (HIDDEN_FIELDS.has(`${entity}.${change.field}`)) continue;
      const isAdd = verb === 'add' || verb === 'set' ? change.before === null : false;
      // A row added: only the values entered.
      if (isAdd && (change.after === null || change.after === '')) continue;
      lines.push({
        type: 'field',
        label: fieldLabel(entity, change.field, w),
        before: isAdd ? null : formatValue(entity, change.field, change.before, w, sfKind),
        after: formatValue(entity, change.field, change.after, w, sfKind),
        beforeEmpty: change.before === null || change.before === '',
      });
    }
  }
  if (entry.reason) say('registry.history.reason', { reason: entry.reason });
  return lines;
}

/** Entries made together in one save: the end of one interval and the start of the next; a discharge and the placement it ended. */
export type HistoryGroup = { key: number; entries: HistoryEntry[] };

const SAME_SAVE_MS = 2000;

/** Whether `newer` completes what `older` started in the same save (entries of one person, seconds apart). */
function sameSave(older: HistoryEntry, newer: HistoryEntry): boolean {
  if (older.kind !== 'change' || newer.kind !== 'change') return false;
  if ((older.actor?.id ?? null) !== (newer.actor?.id ?? null)) return false;
  if (Math.abs(Date.parse(newer.at) - Date.parse(older.at)) > SAME_SAVE_MS) return false;
  if (older.entity === null || !INTERVAL_ENTITIES.has(older.entity) || verbOf(older.action) !== 'end') return false;
  const intervalChanged = newer.entity === older.entity && (verbOf(newer.action) === 'add' || verbOf(newer.action) === 'set');
  const discharged = older.entity === 'placement' && newer.action === 'child.discharge';
  return intervalChanged || discharged;
}

/**
 * Groups entries (newest first) made in one save: an interval's end followed by the next interval's
 * start, or by the discharge that ended it. Within a group, oldest first, so "ended …; started …"
 * reads in order. Everything else stands alone.
 */
export function groupEntries(entries: readonly HistoryEntry[]): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const newer = entries[i];
    const older = entries[i + 1];
    if (older !== undefined && sameSave(older, newer)) {
      groups.push({ key: newer.id, entries: [older, newer] });
      i += 1;
    } else {
      groups.push({ key: newer.id, entries: [newer] });
    }
  }
  return groups;
}

/** A group's title: "变更安置" for an interval ended and another started, else its actions' names. */
export function groupTitle(group: HistoryGroup, w: Words): string {
  const actions = group.entries.map((e) => e.action);
  const entities = new Set(group.entries.map((e) => e.entity));
  if (group.entries.length === 2 && entities.size === 1) {
    const entity = group.entries[0].entity;
    const verbs = actions.map(verbOf).sort().join('+');
    if (entity !== null && INTERVAL_ENTITIES.has(entity) && (verbs === 'add+end' || verbs === 'end+set')) {
      return w.tr('registry.history.changed', { entity: entityLabel(entity, w) }) ?? actions.join(' · ');
    }
  }
  // Newest first in the title: the discharge before the placement it ended.
  return [...new Set(actions.slice().reverse())].map((a) => actionLabel(a, w)).join(' · ');
}

/** Groups by local calendar day, newest day first. */
export function byDay(groups: readonly HistoryGroup[]): { day: string; groups: HistoryGroup[] }[] {
  const days: { day: string; groups: HistoryGroup[] }[] = [];
  for (const group of groups) {
    const day = toIsoDate(new Date(group.entries[group.entries.length - 1].at));
    const last = days.at(-1);
    if (last && last.day === day) last.groups.push(group);
    else days.push({ day, groups: [group] });
  }
  return days;
}
