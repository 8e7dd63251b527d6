/**
 * Every channel that edits an existing part of a record, and which part it edits (issue 19.4). The
 * host checks the edit's `expectedVersion` against the part's version before the handler runs, in the
 * same transaction, and refuses a stale edit with `conflict` and an edit of an existing part that sends no
 * version with a ValidationError on `expectedVersion`. Appends (a session logged, a note, a fact,
 * a placement added) have no entry: they change no part someone else may be editing.
 * tests/unit/host/edit-guards.test.ts checks that every edit channel is here or listed as an append.
 */
import type { SqliteDb } from '../../db/open';
import type { Channel, ChannelParsedInput } from '../../shared/contract';
import { ValidationError } from '../../shared/contract/errors';
import { versionIn } from '../../shared/contract/versions';
import { type RecordPart, assertCurrentVersion, versionOf, versionsOfChild, versionsOfEntity } from '../services/audit/record-versions';
import type { AppCore } from '../services/app/app-core';
import type { Handler, Handlers } from './router';
import { actorOf } from './handlers/app';

/** The refusal of an edit of an existing part that does not say which version it was read at. */
export const MISSING_VERSION = '缺少读取时的版本：请刷新页面后重新保存，以免覆盖他人的修改。';

type Input = Record<string, unknown> & { expectedVersion?: number };
type SqliteLike = SqliteDb;

/** The part an edit touches, or null when this call edits none (a new plan, a read of a setting). */
type PartOf = (input: Input, db: SqliteLike) => RecordPart | null;
type Guard = {
  part: PartOf;
  /** For settings: the audited action that names who changed it. */
  settingAction?: string;
  /** Where the change that overtook the part is audited, when that is another row (a replacement, an amendment). */
  trail?: PartOf;
};

const byId = (entity: string, field = 'id'): Guard => ({ part: (i) => ({ entity, id: i[field] as number }) });

const liveInsurance = (i: Input, db: SqliteLike) =>
  db.prepare('SELECT id FROM medical_insurance WHERE child_id = ? AND year = ? AND voided_at IS NULL').get(i.childId, i.year) as { id: number } | undefined;

const VOID_ENTITY: Record<string, string> = { check: 'mentalHealthCheck', followUp: 'mentalHealthFollowUp' };

export const EDIT_GUARDS = {
  'record:updateProfile': byId('child', 'childId'),
  'record:setPhoto': byId('child', 'childId'),
  'record:endPlacement': byId('placement'),
  'record:endGuardianship': byId('guardianship'),
  'record:endDisability': byId('disability'),
  'record:updateEducation': byId('education'),
  'record:endBenefit': byId('benefit'),
  'record:setMedicalInsurance': {
    // One row per child and year: setting a year that has a row edits it (the row read, `id`: a save
    // replaces the row, and the replaced one's version moves); a new year is an append.
    part: (i, db) => {
      if (typeof i.id === 'number') return { entity: 'medicalInsurance', id: i.id };
      const row = liveInsurance(i, db);
      return row ? { entity: 'medicalInsurance', id: row.id } : null;
    },
    trail: (i, db) => {
      const row = liveInsurance(i, db);
      return row ? { entity: 'medicalInsurance', id: row.id } : null;
    },
  },
  'record:void': { part: (i) => ({ entity: i.entity as string, id: i.id as number }) },
  'record:voidDocument': byId('document'),
  'record:completeVocationalRehab': byId('vocationalRehab'),
  'record:voidReintegrationEntry': { part: (i) => ({ entity: i.entity as string, id: i.id as number }) },
  'children:discharge': byId('child', 'childId'),
  'children:archive': byId('child', 'childId'),
  'children:restore': byId('child', 'childId'),
  'rehab:savePlan': {
    part: (i) => {
      const id = (i.planId ?? i.revisesPlanId) as number | null;
      return id === null || id === undefined ? null : { entity: 'rehabPlan', id };
    },
  },
  'rehab:decidePlan': byId('rehabPlan', 'planId'),
  'rehab:editSession': byId('rehabSession', 'sessionId'),
  'rehab:amendSession': {
    part: (i) => ({ entity: 'rehabSession', id: i.sessionId as number }),
    trail: (i, db) => {
      const row = db.prepare('SELECT id FROM rehab_sessions WHERE amends_session_id = ? AND voided_at IS NULL ORDER BY id DESC').get(i.sessionId) as { id: number } | undefined;
      return row ? { entity: 'rehabSession', id: row.id } : null;
    },
  },
  'rehab:voidMeasure': byId('rehabMeasure'),
  'mentalHealth:close': byId('mentalHealthCheck'),
  'mentalHealth:void': { part: (i) => ({ entity: VOID_ENTITY[i.entity as string] ?? String(i.entity), id: i.id as number }) },
  'autism:void': byId('autismEvent'),
  'reintegration:assignOfficer': byId('reintegrationCase', 'caseId'),
  'reintegration:updateChecklist': byId('reintegrationChecklist'),
  'reintegration:decide': byId('assessment', 'assessmentId'),
  'reintegration:resettle': byId('reintegrationCase', 'caseId'),
  'reintegration:updateTask': byId('reintegrationTask'),
  'reintegration:transfer': byId('reintegrationCase', 'caseId'),
  'reintegration:completeRehab': byId('vocationalRehab'),
  'users:update': byId('user'),
  'users:resetPassword': byId('user'),
  'users:unlock': byId('user'),
  'users:setActive': byId('user'),
  'settings:idleLock': { part: (i) => (i.minutes === undefined ? null : { entity: 'setting:idleLockMinutes', id: 0 }), settingAction: 'settings.idleLock' },
  'backup:settings': { part: (i) => (i === null ? null : { entity: 'setting:backup.settings', id: 0 }), settingAction: 'backup.settingsChanged' },
} satisfies Partial<Record<Channel, Guard>>;

export type GuardedChannel = keyof typeof EDIT_GUARDS;

/**
 * Channels that write but edit no existing part (appends and one-off actions): no version. Listed so that
 * a new write channel must be put in one list or the other (the test above).
 */
export const APPEND_CHANNELS: readonly Channel[] = [
  'children:create',
  'record:addPlacement',
  'record:addGuardianship',
  'record:addStatusFact',
  'record:setDisability',
  'record:addEducation',
  'record:addBenefit',
  'record:addMedicalAidClaim',
  'record:addDocument',
  'record:addAssessment',
  'record:addVocationalRehab',
  'rehab:logSession',
  'rehab:addMeasure',
  'rehab:saveCutoffs',
  'mentalHealth:addCheck',
  'mentalHealth:addFollowUp',
  'autism:addEvent',
  'reintegration:addAssessment',
  'reintegration:addVisit',
  'reintegration:startRehab',
  'users:create',
];

/** The part `input` of `channel` edits (null: none). */
export function partOf(channel: GuardedChannel, input: unknown, db: SqliteLike): RecordPart | null {
  const guard: Guard = EDIT_GUARDS[channel];
  return guard.part(input as Input, db);
}

/**
 * Wraps the edit channels' handlers: the version check and the handler run in one transaction (the
 * handler's own transaction nests inside it), so no other write can slip between check and write.
 */
export function withEditGuards(core: AppCore, handlers: Handlers): Handlers {
  const wrapped = { ...handlers } as Record<string, Handler<Channel>>;
  for (const [name, guard] of Object.entries(EDIT_GUARDS) as [GuardedChannel, Guard][]) {
    const inner = handlers[name] as Handler<Channel>;
    wrapped[name] = (input, ctx) => {
      // A settings read (`backup:settings` with null) edits nothing: no transaction, no version.
      if (input === null || input === undefined) return inner(input, ctx);
      const expected = (input as Input).expectedVersion;
      const svc = core.context(actorOf(ctx.session));
      return svc.sqlite.transaction(() => {
        const part = guard.part(input as Input, svc.sqlite);
        if (part) {
          // Every edit of an existing part says which version it was read at: without one, the edit could
          // overwrite a change made meanwhile at another desk, so it is refused rather than let through.
          if (expected === undefined) throw new ValidationError('expectedVersion', MISSING_VERSION, { entity: part.entity, entityId: part.id });
          assertCurrentVersion(svc, part, expected, guard.settingAction, guard.trail?.(input as Input, svc.sqlite));
        }
        return inner(input as ChannelParsedInput<Channel>, ctx);
      }).immediate();
    };
  }
  return wrapped as Handlers;
}

type Wrap = (output: unknown, input: unknown, svc: ReturnType<AppCore['context']>) => unknown;

const withChildVersions =
  (childIdOf: (output: Record<string, unknown>, input: Record<string, unknown>) => unknown): Wrap =>
  (output, input, svc) => {
    const childId = childIdOf(output as Record<string, unknown>, input as Record<string, unknown>);
    return typeof childId === 'number' ? { ...(output as object), versions: versionsOfChild(svc, childId) } : output;
  };

const settingVersion =
  (key: string): Wrap =>
  (output, _input, svc) => ({ ...(output as object), version: versionOf(svc, { entity: `setting:${key}`, id: 0 }) });

/** Reads that hand out the versions of what they return, read in the same step as the data. */
const VERSIONED_READS: Partial<Record<Channel, Wrap>> = {
  'record:get': withChildVersions((_o, i) => i.childId),
  'rehab:child': withChildVersions((_o, i) => i.childId),
  'mentalHealth:get': withChildVersions((_o, i) => i.childId),
  'autism:get': withChildVersions((_o, i) => i.childId),
  'reintegration:get': withChildVersions((o) => (o.case as { childId?: number } | undefined)?.childId),
  'users:list': (output, _input, svc) => {
    const versions = versionsOfEntity(svc, 'user');
    return (output as { id: number }[]).map((u) => ({ ...u, version: versionIn(versions, 'user', u.id) }));
  },
  'settings:idleLock': settingVersion('idleLockMinutes'),
  'backup:settings': settingVersion('backup.settings'),
};

/** Wraps the reads above so that each answer carries the versions of its parts. */
export function withVersionedReads(core: AppCore, handlers: Handlers): Handlers {
  const wrapped = { ...handlers } as Record<string, Handler<Channel>>;
  for (const [name, wrap] of Object.entries(VERSIONED_READS) as [Channel, Wrap][]) {
    const inner = handlers[name] as Handler<Channel>;
    wrapped[name] = (input, ctx) => {
      const svc = core.context(actorOf(ctx.session));
      // Data and versions in one synchronous step: no write can come between them.
      const output = inner(input, ctx);
      if (output instanceof Promise) throw new Error(`${name}: a versioned read must answer synchronously`);
      return wrap(output, input, svc) as never;
    };
  }
  return wrapped as Handlers;
}
