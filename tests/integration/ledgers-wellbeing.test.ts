/**
 * The reintegration and mental-health ledgers (issue 8) on a small built dataset: the reintegration
 * sheet agrees with the board's pipeline (stage, officer, 18th birthday, receiving district and street,
 * each handover task, overdue items); the mental-health sheet gives the yearly check due 12 months after
 * the last, the overdue flag and the open high-risk checks, and never a score, note or action; a ledger
 * the person may not read is refused ('forbidden'), writing no audit entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChild } from '../../electron/services/registry/children';
import type { ServiceContext } from '../../electron/services/core/context';
import { exportLedgers } from '../../electron/services/ledgers/ledgers';
import { addMentalHealthCheck } from '../../electron/services/mental-health/mental-health';
import { addCaseAssessment, caseOfChild, decideAssessment, pipeline, resettle } from '../../electron/services/reintegration/reintegration';
import { createUser } from '../../electron/services/users/users';
import { AppError } from '../../shared/contract/errors';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDatabase } from '../helpers/temp-db';
import { caseAssessment, institutionChild } from '../helpers/reintegration';
import { readWorkbook } from '../helpers/workbook';

const ID_NUMBER = makeIdNumber('310115', '2008-03-10', 2, 'female');
const PERIOD = { from: '2025-12-01', to: '2026-11-29' };
let db: ReturnType<typeof tempDatabase>;
let ctx: ServiceContext;
let supervisor: ServiceContext;

async function sheet(as: ServiceContext, kind: 'reintegration' | 'mentalHealth', name: string): Promise<unknown[][]> {
  const exported = await exportLedgers(as, { ledgers: [kind], ...PERIOD });
  return (await readWorkbook(exported.contentBase64)).sheets.get(name)!;
}

const refusal = async (fn: () => Promise<unknown>): Promise<AppError> => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

beforeEach(() => {
  db = tempDatabase();
  ctx = db.ctx;
  createUser(ctx, { username: 'po', displayName: '周安置', password: 'Pl@cement-officer1', roles: ['placementOfficer'] });
  const supervisorId = createUser(ctx, { username: 'sv', displayName: '孙主管', password: 'Sup3rvisor!pass', roles: ['supervisor'] }).id;
  supervisor = { ...ctx, actor: { userId: supervisorId, username: 'sv', roles: ['supervisor'] } };
});
afterEach(() => db.cleanup());

describe('the reintegration ledger', () => {
  it('lists every case as the board shows it, with each handover task and the overdue ones', async () => {
    const resettled = institutionChild(ctx, '陈思远', '2008-03-10', { idNumber: ID_NUMBER });
    const preparing = institutionChild(ctx, '林一舟', '2009-05-01');
    createChild(ctx, { name: '王小明', sex: 'male', birthDate: '2015-01-01', idNumber: null }); // too young: no case
    const caseId = caseOfChild(ctx, { childId: resettled }).caseId!;
    const a = addCaseAssessment(ctx, caseAssessment(caseId));
    decideAssessment(supervisor, { caseId, assessmentId: a.id, approve: true });
    resettle(ctx, {
      caseId,
      receivingDistrict: '310104',
      receivingStreet: '田林街道',
      resettledOn: '2026-11-01',
      tasks: [
        { task: 'housing', contact: '徐汇区民政局', dueOn: '2026-12-31' },
        { task: 'hukou', contact: null, dueOn: '2026-11-15' },
      ],
    });

    const rows = await sheet(ctx, 'reintegration', '回归社会安置台账');
    expect(rows[0]).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '年满18周岁日期',
      '阶段',
      '安置专员',
      '接收安置区',
      '接收街道（乡镇）',
      '落实住房：状态',
      '落实住房：到期日',
      '落实户口：状态',
      '落实户口：到期日',
      '落实就业：状态',
      '落实就业：到期日',
      '长期关爱措施：状态',
      '长期关爱措施：到期日',
      '尚缺事项',
      '逾期事项',
    ]);
    expect(rows).toHaveLength(3);
    const [first, second] = [rows[1]!, rows[2]!];
    expect(first.slice(0, 12)).toEqual([1, '陈思远', ID_NUMBER, '2026-03-10', '回归社会安置中', '周安置', '徐汇区', '田林街道', '未开始', '2026-12-31', '未开始', '2026-11-15']);
    // Opened after the 18th birthday: the preparation checklist is overdue from the birthday on, beside the task.
    expect(String(first[17])).toContain('落实户口（2026-11-15到期）');
    expect(String(first[17])).toContain('居民身份证（2025-12-10到期）');
    expect(String(first[16])).toContain('交接任务未完成');
    expect(second.slice(0, 9)).toEqual([2, '林一舟', null, '2027-05-01', '准备中', '周安置', null, null, null]);
    expect(second[17]).toBeNull();
    // The stage is the board's, case by case.
    const board = pipeline(ctx, {}).cases;
    expect(rows.slice(1).map((r) => r[1])).toEqual(board.map((c) => c.childName));
    expect(board.map((c) => c.childId)).toEqual([resettled, preparing]);
  });
});

describe('the mental-health ledger', () => {
  it('gives the last check, its risk level, the next due date, the overdue flag and open high-risk checks — never scores or notes', async () => {
    const overdue = createChild(ctx, { name: '陈高危', sex: 'female', birthDate: '2012-04-01', idNumber: null }).id;
    const recent = createChild(ctx, { name: '林关注', sex: 'male', birthDate: '2013-06-01', idNumber: null }).id;
    createChild(ctx, { name: '王未测', sex: 'male', birthDate: '2014-02-01', idNumber: null });
    addMentalHealthCheck(ctx, {
      childId: overdue,
      checkedOn: '2025-10-01',
      riskLevel: 'high',
      instrument: 'SDQ',
      scores: [{ name: '困难总分', value: 31 }],
      actions: '保密的干预措施XYZ',
      referral: '上海市精神卫生中心',
      referralDate: '2025-10-08',
      note: '保密的监测记录ABC',
    });
    addMentalHealthCheck(ctx, { childId: recent, checkedOn: '2025-03-01', riskLevel: 'none', note: '保密的旧记录' });
    addMentalHealthCheck(ctx, { childId: recent, checkedOn: '2026-06-01', riskLevel: 'watch', note: '保密的监测记录DEF', scores: [{ name: '抑郁', value: 17 }] });

    const rows = await sheet(supervisor, 'mentalHealth', '心理健康监测台账');
    expect(rows[0]).toEqual(['序号', '姓名', '身份证号', '上次监测日期', '上次风险等级', '下次应监测日期', '监测状态', '高风险未结案', '未结案高风险监测日期', '未结案高风险监测次数']);
    const byName = new Map(rows.slice(1).map((r) => [r[1], r.slice(3)]));
    expect(byName.get('陈高危')).toEqual(['2025-10-01', '高风险', '2026-10-01', '已逾期', '是', '2025-10-01', 1]);
    expect(byName.get('林关注')).toEqual(['2026-06-01', '关注', '2027-06-01', '未到期', '否', null, 0]);
    expect(byName.get('王未测')).toEqual([null, null, '2026-11-29', '尚无监测记录', '否', null, 0]);
    const cells = rows.flat().map((v) => String(v));
    for (const secret of ['保密', '31', '17', '困难总分', '抑郁', 'SDQ', '精神卫生中心']) {
      expect(cells.some((c) => c.includes(secret))).toBe(false);
    }
    const audit = ctx.sqlite.prepare("SELECT user_id, detail FROM audit_log WHERE action = 'ledger.export'").all() as { user_id: number; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_id).toBe(supervisor.actor!.userId);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ ledgers: ['mentalHealth'], sheets: [{ name: '心理健康监测台账', rows: 3 }] });
  });

  it('is refused to a caseworker (no mentalHealth.read), alone or with other ledgers, and nothing is audited', async () => {
    createChild(ctx, { name: '王未测', sex: 'male', birthDate: '2014-02-01', idNumber: null });
    const caseworker: ServiceContext = { ...ctx, actor: { userId: 1, username: 'tester', roles: ['caseworker'] } };
    for (const ledgers of [['mentalHealth'], ['roster', 'mentalHealth']] as const) {
      const error = await refusal(() => exportLedgers(caseworker, { ledgers: [...ledgers], ...PERIOD }));
      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('心理健康监测台账');
    }
    // The caseworker still gets the reintegration ledger, which needs only reintegration.read.
    expect((await exportLedgers(caseworker, { ledgers: ['roster', 'reintegration'], ...PERIOD })).sheets.map((s) => s.name)).toEqual(['儿童花名册', '花名册·保障待遇明细', '回归社会安置台账']);
    const audit = ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'ledger.export'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail).ledgers)).toEqual([['roster', 'reintegration']]);
  });
});
