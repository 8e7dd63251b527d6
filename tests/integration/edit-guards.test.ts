/**
 * Every guarded edit channel (EDIT_GUARDS, issue 19.4), through the router as any desk calls it, on a
 * real encrypted database with the demo's records: (a) an edit of an existing part that sends no version
 * is refused with a ValidationError on `expectedVersion`; (b) an edit read at a version since overtaken is
 * refused with `conflict`; neither writes anything; (c) the edit at the current version lands and moves
 * the part's version. Table-driven over EDIT_GUARDS: a channel added there without a case here fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import type { AppHost } from '../../electron/host/app-host';
import { EDIT_GUARDS, type GuardedChannel, partOf } from '../../electron/host/edit-guards';
import { versionOf } from '../../electron/services/audit/record-versions';
import { createUser } from '../../electron/services/users/users';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import { ROLES } from '../../shared/contract/permissions';
import { rubricOn } from '../../shared/domain/reintegration';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

const PASSWORD = 'Every!guard-2026';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let everyone: SessionUser;

const send = (channel: string, input: unknown) => host.router.dispatch('desk-all', channel, input) as Promise<Result<unknown>>;
const sendAs = (desk: string, channel: string, input: unknown) => host.router.dispatch(desk, channel, input) as Promise<Result<unknown>>;
const sql = () => host.core.context(null).sqlite;
/** One row of the demo's records matching `where`, not used by another case (each case edits its own). */
const taken = new Set<string>();
function pick<T extends Record<string, unknown>>(table: string, where: string, ...params: unknown[]): T {
  const rows = sql().prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY id`).all(...params) as T[];
  const row = rows.find((r) => !taken.has(`${table}:${String(r.id)}`) && !taken.has(`child:${String(r.child_id ?? '')}`));
  if (!row) throw new Error(`no ${table} row where ${where}`);
  taken.add(`${table}:${String(row.id)}`);
  return row;
}
/** A child no other case edits (its particulars, discharge, archive). */
const freshChild = (where = "status = 'inCare'") => {
  const child = pick<{ id: number }>('children', where);
  taken.add(`child:${child.id}`);
  return child.id;
};

/** The input of one valid edit of an existing part, made after any set-up it needs (by other channels). */
type Case = () => Promise<Record<string, unknown> | null>;

const OPEN = 'voided_at IS NULL AND closed_on IS NULL AND resettled_on IS NULL AND transferred_on IS NULL';
/** An open case with no assessment yet (the one with a pending assessment is left to its own cases). */
const openCase = () => pick<{ id: number }>('reintegration_cases', `${OPEN} AND id NOT IN (SELECT case_id FROM reintegration_assessments WHERE case_id IS NOT NULL)`);

const planInput = (childId: number) => ({
  childId,
  startsOn: '2026-11-01',
  reviewOn: '2027-02-01',
  therapistIds: [everyone.id, colleague()],
  goals: [
    {
      title: '独立行走 10 米',
      icfCode: 'd450',
      levels: { minus2: '需扶持', minus1: '扶墙 5 米', zero: '独立 10 米', plus1: '独立 20 米', plus2: '独立上下楼梯' },
      baseline: -2,
      importance: 2,
      difficulty: 2,
    },
  ],
});
const colleague = () => (sql().prepare("SELECT id FROM users WHERE username = 'colleague'").get() as { id: number }).id;
/** A new plan (an append: no version) for a child without one, waiting for approval. */
async function submittedPlan(): Promise<{ id: number; childId: number }> {
  const childId = freshChild("status = 'inCare' AND id NOT IN (SELECT child_id FROM rehab_plans)");
  // Submitted by a colleague: nobody approves their own plan.
  const plan = ok<{ id: number }>(await sendAs('desk-colleague', 'rehab:savePlan', planInput(childId)));
  return { id: plan.id, childId };
}

const CASES: Record<GuardedChannel, Case> = {
  'record:updateProfile': async () => ({ childId: freshChild(), notes: '由每个通道的测试修改' }),
  'record:setPhoto': async () => {
    const childId = freshChild();
    const doc = ok<{ id: number }>(await send('record:addDocument', { childId, kind: 'photo', title: '照片', mime: 'image/png', contentBase64: PNG }));
    return { childId, documentId: doc.id };
  },
  'record:endPlacement': async () => {
    const row = pick<{ id: number; child_id: number; from_date: string }>('placements', 'to_date IS NULL AND voided_at IS NULL');
    return { childId: row.child_id, id: row.id, to: '2026-11-01' };
  },
  'record:endGuardianship': async () => {
    const row = pick<{ id: number; child_id: number }>('guardianships', 'to_date IS NULL AND voided_at IS NULL');
    return { childId: row.child_id, id: row.id, to: '2026-11-01' };
  },
  'record:endDisability': async () => {
    const row = pick<{ id: number; child_id: number }>('disabilities', 'to_date IS NULL AND voided_at IS NULL');
    return { childId: row.child_id, id: row.id, to: '2026-11-01' };
  },
  'record:updateEducation': async () => {
    const row = pick<{ id: number; child_id: number }>('education_records', 'voided_at IS NULL');
    return { childId: row.child_id, id: row.id, note: '学校来电更正' };
  },
  'record:endBenefit': async () => {
    const row = pick<{ id: number; child_id: number }>('benefits_received', 'to_date IS NULL AND voided_at IS NULL');
    return { childId: row.child_id, id: row.id, to: '2026-11-01' };
  },
  'record:setMedicalInsurance': async () => {
    const row = pick<{ id: number; child_id: number; year: number; enrolled: number; premium_subsidised: number }>('medical_insurance', 'voided_at IS NULL');
    return { childId: row.child_id, id: row.id, year: row.year, enrolled: row.enrolled !== 1, premiumSubsidised: row.premium_subsidised === 1, note: '更正' };
  },
  'record:void': async () => {
    const row = pick<{ id: number; child_id: number }>('child_status_facts', 'voided_at IS NULL');
    return { childId: row.child_id, entity: 'statusFact', id: row.id, reason: '录入有误' };
  },
  'record:voidDocument': async () => {
    const childId = freshChild();
    const doc = ok<{ id: number }>(await send('record:addDocument', { childId, kind: 'medicalReport', title: '体检报告', mime: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 test').toString('base64') }));
    return { childId, id: doc.id, reason: '上传错了文件' };
  },
  'record:completeVocationalRehab': async () => {
    const childId = freshChild();
    const row = ok<{ id: number }>(await send('record:addVocationalRehab', { childId, from: '2026-09-01', provider: '阳光职业康复中心' }));
    return { childId, id: row.id, completedOn: '2026-11-20' };
  },
  'record:voidReintegrationEntry': async () => {
    const row = pick<{ id: number; child_id: number }>('reintegration_assessments', 'voided_at IS NULL');
    return { childId: row.child_id, entity: 'assessment', id: row.id, reason: '录入有误' };
  },
  'children:discharge': async () => ({ childId: freshChild(), date: '2026-11-20', reason: 'adopted', note: null }),
  'children:archive': async () => {
    const childId = freshChild();
    ok(await send('children:discharge', { childId, date: '2026-11-20', reason: 'adopted', note: null, expectedVersion: versionOf({ sqlite: sql() }, { entity: 'child', id: childId }) }));
    return { childId };
  },
  'children:restore': async () => {
    const childId = freshChild();
    const at = () => versionOf({ sqlite: sql() }, { entity: 'child', id: childId });
    ok(await send('children:discharge', { childId, date: '2026-11-20', reason: 'adopted', note: null, expectedVersion: at() }));
    ok(await send('children:archive', { childId, expectedVersion: at() }));
    return { childId, reason: '误归档，恢复' };
  },
  'rehab:savePlan': async () => {
    const plan = await submittedPlan();
    return { ...planInput(plan.childId), planId: plan.id, summary: '修改后的计划' };
  },
  'rehab:decidePlan': async () => ({ planId: (await submittedPlan()).id, decision: 'approve', comment: '同意' }),
  'rehab:editSession': async () => {
    const plan = pick<{ id: number; child_id: number }>('rehab_plans', "status = 'approved' AND voided_at IS NULL");
    const s = ok<{ id: number }>(await send('rehab:logSession', { childId: plan.child_id, sessionOn: '2026-11-20', attended: true, minutes: 30 }));
    return { sessionId: s.id, sessionOn: '2026-11-20', attended: true, minutes: 40, note: '补记' };
  },
  'rehab:amendSession': async () => {
    const s = pick<{ id: number; session_on: string }>('rehab_sessions', 'voided_at IS NULL AND amends_session_id IS NULL AND attended = 1');
    return { sessionId: s.id, reason: '时长记错', sessionOn: s.session_on, attended: true, minutes: 35 };
  },
  'rehab:voidMeasure': async () => ({ id: pick<{ id: number }>('rehab_measures', 'voided_at IS NULL').id, reason: '录入有误' }),
  'mentalHealth:close': async () => {
    const row = pick<{ id: number; child_id: number }>('mental_health_checks', "closed_at IS NULL AND voided_at IS NULL AND risk_level IN ('medium','high')");
    return { childId: row.child_id, id: row.id, comment: '随访后风险已解除' };
  },
  'mentalHealth:void': async () => {
    const row = pick<{ id: number; child_id: number }>('mental_health_follow_ups', 'voided_at IS NULL');
    return { childId: row.child_id, entity: 'followUp', id: row.id, reason: '录入有误' };
  },
  'autism:void': async () => {
    const row = pick<{ id: number; child_id: number }>('autism_pathway_events', 'voided_at IS NULL');
    return { childId: row.child_id, id: row.id, reason: '录入有误' };
  },
  'reintegration:assignOfficer': async () => ({ caseId: openCase().id, officerId: everyone.id }),
  'reintegration:updateChecklist': async () => {
    const row = pick<{ id: number; case_id: number }>('reintegration_checklist', `voided_at IS NULL AND status <> 'done' AND case_id IN (SELECT id FROM reintegration_cases WHERE ${OPEN})`);
    return { caseId: row.case_id, id: row.id, status: 'inProgress', owner: '王社工', dueOn: null, note: null };
  },
  'reintegration:decide': async () => {
    const row = pick<{ id: number; case_id: number }>('reintegration_assessments', 'approved_at IS NULL AND voided_at IS NULL AND case_id IS NOT NULL');
    return { caseId: row.case_id, assessmentId: row.id, approve: true };
  },
  'reintegration:resettle': async () => {
    // The case whose capable assessment the case above approved.
    const row = pick<{ id: number }>('reintegration_cases', `${OPEN} AND id IN (SELECT case_id FROM reintegration_assessments WHERE result = 'capable' AND approved_at IS NOT NULL AND voided_at IS NULL)`);
    return { caseId: row.id, receivingDistrict: '310115', receivingStreet: '花木街道', resettledOn: '2026-11-20', tasks: [] };
  },
  'reintegration:updateTask': async () => {
    const row = pick<{ id: number; case_id: number }>('reintegration_tasks', "voided_at IS NULL AND status <> 'done'");
    return { caseId: row.case_id, id: row.id, status: 'inProgress', contact: '街道民政科', dueOn: null, evidenceDocumentIds: [], note: null };
  },
  'reintegration:transfer': async () => {
    // A transfer follows an approved finding of "not capable": recorded by a colleague, approved here.
    const row = pick<{ id: number; child_id: number }>('reintegration_cases', `${OPEN} AND id NOT IN (SELECT case_id FROM reintegration_assessments WHERE case_id IS NOT NULL)`);
    // The assessment comes after schooling ends: the young person's studies are recorded as finished.
    const studying = sql().prepare('SELECT id FROM education_records WHERE child_id = ? AND actual_completion IS NULL AND voided_at IS NULL').all(row.child_id) as { id: number }[];
    for (const e of studying) {
      const at = versionOf({ sqlite: sql() }, { entity: 'education', id: e.id });
      ok(await send('record:updateEducation', { childId: row.child_id, id: e.id, actualCompletion: '2026-11-10', expectedVersion: at }));
    }
    const scores = rubricOn('2026-11-15').domains.map((d) => ({ domain: d.code, score: 40 }));
    const a = ok<{ id: number }>(
      await sendAs('desk-colleague', 'reintegration:addAssessment', { caseId: row.id, assessedOn: '2026-11-15', round: 1, panel: ['李明', '张华'], scores, result: 'notCapable', reasons: '独立生活能力评分偏低' }),
    );
    ok(await send('reintegration:decide', { caseId: row.id, assessmentId: a.id, approve: true, expectedVersion: versionOf({ sqlite: sql() }, { entity: 'assessment', id: a.id }) }));
    return { caseId: row.id, institution: '上海市第一社会福利院', transferredOn: '2026-11-20' };
  },
  'reintegration:completeRehab': async () => {
    const row = pick<{ id: number; case_id: number }>('vocational_rehab', 'completed_on IS NULL AND voided_at IS NULL AND case_id IS NOT NULL');
    return { caseId: row.case_id, id: row.id, completedOn: '2026-11-20', outcome: 'completed' };
  },
  'users:update': async () => ({ id: staff('guard-update'), displayName: '改名后的社工', roles: ['caseworker'] }),
  'users:resetPassword': async () => ({ id: staff('guard-reset'), password: 'New!password-2026' }),
  'users:unlock': async () => {
    const id = staff('guard-unlock');
    sql().prepare("UPDATE users SET failed_logins = 5, locked_until = '2099-01-01T00:00:00.000Z' WHERE id = ?").run(id);
    return { id };
  },
  'users:setActive': async () => ({ id: staff('guard-active'), active: false }),
  'settings:idleLock': async () => ({ minutes: 25 }),
  'backup:settings': async () => {
    const current = ok<Record<string, unknown>>(await send('backup:settings', null));
    const { version: _version, ...settings } = current;
    return { ...settings, keep: 9 };
  },
};

/** A staff account of its own for one case. */
function staff(username: string): number {
  const admin = host.core.context({ userId: everyone.id, username: everyone.username, roles: everyone.roles });
  return createUser(admin, { username, displayName: username, password: PASSWORD, roles: ['caseworker'] }).id;
}

/** Everything an edit could write: the audit trail's length, every version, the data's change counter. */
function footprint() {
  const db = sql();
  return {
    audit: (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    versions: JSON.stringify(db.prepare('SELECT entity, entity_id, version FROM record_versions ORDER BY entity, entity_id').all()),
    childVersions: JSON.stringify(db.prepare('SELECT child_id, version FROM child_versions ORDER BY child_id').all()),
    settings: JSON.stringify(db.prepare('SELECT * FROM settings ORDER BY key').all()),
  };
}

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  createUser(ctx, { username: 'everyone', displayName: '全能测试员', password: PASSWORD, roles: [...ROLES] });
  createUser(ctx, { username: 'colleague', displayName: '同事', password: PASSWORD, roles: ['therapist', 'placementOfficer'] });
  ok(await host.router.dispatch('desk-colleague', 'auth:login', { username: 'colleague', password: PASSWORD }));
  everyone = ok<SessionUser>(await host.router.dispatch('desk-all', 'auth:login', { username: 'everyone', password: PASSWORD }));
  // The demo's rows are the administrator's: the four-eyes rules let the tester close and decide them.
  loadDemoData(ctx, { children: 200 });
}, 60_000);
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('every guarded edit channel', () => {
  it('has a case here (a channel added to EDIT_GUARDS without one fails)', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(EDIT_GUARDS).sort());
  });

  for (const channel of Object.keys(EDIT_GUARDS) as GuardedChannel[]) {
    it(`${channel}: no version → refused on expectedVersion; a stale one → conflict; neither writes; the current one lands`, async () => {
      const input = await CASES[channel]();
      if (!input) throw new Error('no input');
      const part = partOf(channel, input, sql());
      expect(part, 'the case edits an existing part').not.toBeNull();
      if (!part) return;
      const readAt = versionOf({ sqlite: sql() }, part);

      const before = footprint();
      const missing = await send(channel, input);
      expect(missing.ok).toBe(false);
      if (missing.ok) return;
      expect(missing.error).toMatchObject({ code: 'invalid_input', field: 'expectedVersion' });
      expect(missing.error.message).toMatch(/版本/);
      expect(footprint()).toEqual(before);

      const landed = await send(channel, { ...input, expectedVersion: readAt });
      expect(landed.ok ? 'ok' : `${landed.error.code}: ${landed.error.message}`).toBe('ok');
      const now = versionOf({ sqlite: sql() }, part);
      expect(now, 'a landed edit moves its part’s version').toBeGreaterThan(readAt);

      const afterLanding = footprint();
      const stale = await send(channel, { ...input, expectedVersion: readAt });
      expect(stale.ok).toBe(false);
      if (stale.ok) return;
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toContain('全能测试员');
      expect(stale.error.details).toMatchObject({ kind: 'staleEdit', entity: part.entity, entityId: part.id, expectedVersion: readAt, currentVersion: now, changedBy: '全能测试员' });
      expect(footprint()).toEqual(afterLanding);
    });
  }

  it('a guarded channel on an input that edits no existing part needs no version (a new year, a new plan, a settings read)', async () => {
    const childId = freshChild();
    ok(await send('record:setMedicalInsurance', { childId, year: 2031, enrolled: true, premiumSubsidised: false }));
    expect(ok<{ minutes: number }>(await send('settings:idleLock', {})).minutes).toBeGreaterThan(0);
    expect(ok<{ keep: number }>(await send('backup:settings', null)).keep).toBeGreaterThan(0);
  });
});
