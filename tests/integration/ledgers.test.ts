/**
 * Ledgers and import (issue 8) against real encrypted databases: the roster of a demo database
 * exported, imported into an empty one and exported again holds the same rows and values cell by cell;
 * a 500-row workbook with 3 bad rows shows exactly those 3 and imports 497; a failure midway writes
 * nothing; every kind of bad input is named by row and column in Chinese; a known ID number proposes an
 * update with its differences instead of a second child.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChild } from '../../electron/services/registry/children';
import { loadDemoData } from '../../electron/demo/demo';
import { previewImport, runImport } from '../../electron/services/ledgers/import-children';
import { exportLedgers } from '../../electron/services/ledgers/ledgers';
import { addPlacement } from '../../electron/services/record/record-history';
import { loadRecord } from '../../electron/services/record/record-store';
import { AppError } from '../../shared/contract/errors';
import { IMPORT_FIELD_HEADERS_ZH, type ImportPreview } from '../../shared/contract/ledgers';
import { makeIdNumber } from '../../shared/domain/id-number';
import { tempDatabase } from '../helpers/temp-db';
import { type TestCell, readWorkbook, workbookBase64 } from '../helpers/workbook';

const databases: ReturnType<typeof tempDatabase>[] = [];
function database() {
  const db = tempDatabase();
  databases.push(db);
  return db;
}
afterEach(() => {
  for (const db of databases.splice(0)) db.cleanup();
});

const count = (db: ReturnType<typeof tempDatabase>, table: string) => (db.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const PERIOD = { from: '2025-12-01', to: '2026-11-29' };
const H = IMPORT_FIELD_HEADERS_ZH;

async function preview(db: ReturnType<typeof tempDatabase>, contentBase64: string) {
  return previewImport(db.ctx, { fileName: 'children.xlsx', contentBase64, mapping: null });
}

/** The rows a person confirms after reading the preview: every creation and update it proposed. */
function confirmable(seen: ImportPreview): { row: number; action: 'create' | 'update' }[] {
  return seen.rows.flatMap((r) => (r.action === 'create' || r.action === 'update' ? [{ row: r.row, action: r.action }] : []));
}

/** Row `i` of a generated workbook: unique name, birth date and ID number; placed, enrolled, with a benefit. */
function childRow(i: number): TestCell[] {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
  const given = ['小明', '思远', '欣怡', '子涵', '浩然', '雨桐', '梓萱', '宇航', '诗琪', '俊杰', '佳怡', '一鸣', '晨曦', '若曦', '天佑', '可馨', '博文', '静怡', '嘉豪', '雅琪', '明轩', '紫涵', '皓轩', '梦瑶', '子墨'];
  const birth = `${2009 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const sex = i % 2 === 0 ? 'male' : 'female';
  return [
    `${surnames[i % 20]}${given[Math.floor(i / 20) % 25]}`,
    sex === 'male' ? '男' : '女',
    { date: birth },
    makeIdNumber('310115', birth, i, sex),
    { date: `${2009 + (i % 8) + 1}-06-01` },
    '浦东新区',
    i % 3 === 0 ? '孤儿' : null,
    '市级儿童福利机构集中养育',
    { date: `${2009 + (i % 8) + 1}-06-01` },
    i % 8 < 5 ? null : '义务教育',
    i % 8 < 5 ? null : { date: `${2009 + (i % 8) + 6}-09-01` },
    i % 8 < 5 ? null : 9,
    '基本生活费',
    { date: '2026-01-01' },
    2400,
  ];
}
const GENERATED_HEADERS = [H.name, H.sex, H.birthDate, H.idNumber, H.admissionDate, H.hukou, H.categories, H.placementKind, H.placementFrom, H.educationStage, H.enrolmentDate, H.standardDurationYears, H.benefitCode, H.benefitFrom, H.benefitMonthlyAmount];

describe('the roster round trip', () => {
  it('exports the roster of a demo database, imports it into an empty one, and exports the same rows and values again', async () => {
    const source = database();
    loadDemoData(source.ctx, { children: 120 });
    const first = await exportLedgers(source.ctx, { ledgers: ['roster'], ...PERIOD });
    const target = database();
    const seen = await preview(target, first.contentBase64);
    expect(seen.counts).toEqual({ create: 120, update: 0, unchanged: 0, invalid: 0 });
    expect(await runImport(target.ctx, { fileName: 'roster.xlsx', contentBase64: first.contentBase64, mapping: seen.mapping, rows: confirmable(seen) })).toEqual({
      created: 120,
      updated: 0,
    });
    const second = await exportLedgers(target.ctx, { ledgers: ['roster'], ...PERIOD });
    const a = (await readWorkbook(first.contentBase64)).sheets.get('儿童花名册')!;
    const b = (await readWorkbook(second.contentBase64)).sheets.get('儿童花名册')!;
    expect(b.length).toBe(121);
    expect(b[0]).toEqual(a[0]);
    // Every column, today's entitlements included: the roster carries the status facts and every
    // benefit received that the rules read, so the entitlements computed again come out the same.
    expect(a[0]!.at(-1)).toBe('今日应享待遇');
    let compared = 0;
    for (let r = 0; r < a.length; r += 1) {
      for (let c = 0; c < a[0]!.length; c += 1) {
        expect({ row: r + 1, column: a[0]![c], value: b[r]![c] }).toEqual({ row: r + 1, column: a[0]![c], value: a[r]![c] });
        compared += 1;
      }
    }
    expect(compared).toBe(121 * a[0]!.length);
    // The filled columns really were filled: categories, status facts, placements, enrolments, benefits, disabilities, entitlements.
    for (const header of ['困境儿童类别', '父亲状况', '母亲状况', '监护情况', '法院指定监护人', '家庭经济状况', '其他保障待遇', '安置方式', '就读阶段', '保障待遇', '残疾类别', '法定抚养人有抚养能力', '今日应享待遇']) {
      const c = a[0]!.indexOf(header);
      expect(a.slice(1).filter((row) => row[c] !== null).length, header).toBeGreaterThan(5);
    }
    // The same workbook again: every row is already there and unchanged — never a second child.
    const again = await preview(target, first.contentBase64);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 120, invalid: 0 });
  }, 120_000);

  it('writes Chinese headers, a frozen header row, widths, real dates, one sheet per ledger, and names who exported it and when', async () => {
    const db = database();
    // The person exporting exists before the demo adds its staff accounts (as the administrator does in the app).
    db.ctx.sqlite.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES (1, 'tester', 'tester', '["caseworker"]', 'x')`).run();
    loadDemoData(db.ctx, { children: 20 });
    const exported = await exportLedgers(db.ctx, { ledgers: ['roster', 'benefits', 'rehabSessions'], ...PERIOD });
    const { workbook, sheets } = await readWorkbook(exported.contentBase64);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['儿童花名册', '花名册·保障待遇明细', '保障待遇发放台账', '康复训练月度台账']);
    // Rows below the header, less the 合计 line of the ledgers that add up.
    expect(exported.sheets.map((s) => s.rows)).toEqual([
      20,
      sheets.get('花名册·保障待遇明细')!.length - 2,
      sheets.get('保障待遇发放台账')!.length - 2,
      sheets.get('康复训练月度台账')!.length - 2,
    ]);
    expect(exported.sheets[2]!.rows).toBeGreaterThan(0);
    expect(exported.sheets[3]!.rows).toBeGreaterThan(0);
    expect(workbook.creator).toBe('tester');
    expect(workbook.created.toISOString()).toBe(db.ctx.clock.now().toISOString());
    expect(workbook.description).toContain('导出人：tester');
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(2).width).toBeGreaterThan(5);
    }
    const roster = workbook.getWorksheet('儿童花名册')!;
    expect(roster.getRow(2).getCell(4).value).toBeInstanceOf(Date);
    expect(roster.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd');
    const audit = db.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'ledger.export'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail).ledgers).toEqual(['roster', 'benefits', 'rehabSessions']);
    // The benefits ledger keeps to the period: nothing that ended before it or started after it.
    for (const row of sheets.get('保障待遇发放台账')!.slice(1, -1)) {
      expect(String(row[4]) <= PERIOD.to).toBe(true);
      if (row[5] !== null) expect(String(row[5]) >= PERIOD.from).toBe(true);
    }
  });
});

describe('a 500-row workbook with 3 bad rows', () => {
  async function fiveHundred() {
    const rows = Array.from({ length: 500 }, (_, i) => childRow(i));
    const id = String(rows[99]![3]);
    rows[99]![3] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // sheet row 101: a wrong check digit
    rows[249]![2] = '2015-13-45'; // row 251: a date that does not exist
    rows[399]![7] = '托管'; // row 401: an unknown placement
    return workbookBase64([GENERATED_HEADERS, ...rows]);
  }

  it('shows exactly those 3 with their reasons by row and column, and importing writes the 497 others', async () => {
    const db = database();
    const file = await fiveHundred();
    const seen = await preview(db, file);
    expect(seen.counts).toEqual({ create: 497, update: 0, unchanged: 0, invalid: 3 });
    expect(count(db, 'children')).toBe(0);
    const bad = seen.rows.filter((r) => r.action === 'invalid');
    expect(bad.map((r) => ({ row: r.row, columns: r.errors.map((e) => e.column) }))).toEqual([
      { row: 101, columns: ['身份证号'] },
      { row: 251, columns: ['出生日期'] },
      { row: 401, columns: ['安置方式'] },
    ]);
    expect(bad[0]!.errors[0]!.message).toContain('校验位不正确');
    expect(bad[1]!.errors[0]!.message).toContain('无法识别的日期“2015-13-45”');
    expect(bad[2]!.errors[0]!.message).toContain('不认识的安置方式“托管”');
    const valid = confirmable(seen);
    expect(await runImport(db.ctx, { fileName: 'children.xlsx', contentBase64: file, mapping: seen.mapping, rows: valid })).toEqual({ created: 497, updated: 0 });
    expect(count(db, 'children')).toBe(497);
    expect(count(db, 'placements')).toBe(497);
    expect(count(db, 'benefits_received')).toBe(497);
    expect(count(db, 'education_records')).toBe(valid.filter((r) => (r.row - 2) % 8 >= 5).length);
    const actions = db.ctx.sqlite.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'import.%' ORDER BY id").all() as { action: string; detail: string }[];
    expect(actions.map((a) => a.action)).toEqual(['import.preview', 'import.run']);
    expect(JSON.parse(actions[1]!.detail)).toMatchObject({ file: 'children.xlsx', created: 497, updated: 0 });
    // An orphan row brought its category in as a status fact the rules read.
    const orphan = db.ctx.sqlite.prepare("SELECT child_id FROM child_status_facts WHERE kind = 'parentsStatus' LIMIT 1").get() as { child_id: number };
    expect(loadRecord(db.ctx, orphan.child_id)!.statusFacts[0]!.evidence).toContain('孤儿');
  }, 120_000);

  it('a failure midway keeps the whole chunks written before it, says how many, and a new preview shows the rest', async () => {
    const db = database();
    const file = await fiveHundred();
    const seen = await preview(db, file);
    const valid = confirmable(seen);
    // The 250th child cannot be written (as a full disk or a broken file would refuse it).
    db.ctx.sqlite.exec(`CREATE TRIGGER forced_failure BEFORE INSERT ON children WHEN (SELECT count(*) FROM children) >= 249
      BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
    const run = runImport(db.ctx, { fileName: 'children.xlsx', contentBase64: file, mapping: seen.mapping, rows: valid }, { chunkRows: 100, chunkMs: Number.POSITIVE_INFINITY });
    await expect(run).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('此前已导入 200 行（新建 200，更新 0），其余未导入') });
    // Two chunks of 100 rows are in, whole (each child with its placement and benefit); the third is not.
    for (const table of ['children', 'placements', 'benefits_received']) expect(count(db, table), table).toBe(200);
    const stopped = db.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'import.run'").all() as { detail: string }[];
    expect(stopped.map((r) => JSON.parse(r.detail))).toEqual([{ file: 'children.xlsx', created: 200, updated: 0, stopped: true }]);
    db.ctx.sqlite.exec('DROP TRIGGER forced_failure');
    const again = await preview(db, file);
    expect(again.counts).toEqual({ create: 297, update: 0, unchanged: 200, invalid: 3 });
  }, 120_000);
});

describe('bad input, named by row and column', () => {
  it('refuses a file that is not xlsx, and a damaged one', async () => {
    const db = database();
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1').toString('base64');
    await expect(preview(db, pdf)).rejects.toMatchObject({ code: 'invalid_input', field: 'file', message: expect.stringContaining('不是 Excel 工作簿') });
    const zip = Buffer.from('PK\u0003\u0004 not really a zip at all', 'latin1').toString('base64');
    await expect(preview(db, zip)).rejects.toMatchObject({ field: 'file', message: expect.stringContaining('无法读取') });
  });

  it('refuses a sheet whose first row is data, not a header', async () => {
    const db = database();
    const file = await workbookBase64([childRow(1), childRow(2)]);
    await expect(preview(db, file)).rejects.toMatchObject({ field: 'mapping.name', message: expect.stringContaining('第1行看起来是数据而不是表头') });
    const blank = await workbookBase64([[null, null], childRow(1)]);
    await expect(preview(db, blank)).rejects.toMatchObject({ field: 'file', message: expect.stringContaining('第1行是空的') });
  });

  it('names an unknown category, a duplicate in the file, a number-stored ID and a missing pair', async () => {
    const db = database();
    const rows = [childRow(0), childRow(1), childRow(2), childRow(3)];
    rows[0]![6] = '孤儿、贫困生';
    rows[2]![3] = rows[1]![3];
    rows[3]![3] = Number('310115200901010011'); // as Excel keeps a long number: 15 significant digits
    const noFrom = childRow(5);
    noFrom[8] = null;
    const file = await workbookBase64([GENERATED_HEADERS, ...rows, noFrom]);
    const seen = await preview(db, file);
    expect(seen.rows.map((r) => [r.row, r.action, r.errors.map((e) => `${e.column}：${e.message}`)])).toEqual([
      [2, 'invalid', [expect.stringMatching(/^困境儿童类别：不认识的困境儿童类别“贫困生”/)]],
      [3, 'create', []],
      [4, 'invalid', ['身份证号：与第3行的身份证号重复']],
      [5, 'invalid', [expect.stringMatching(/^身份证号：Excel 把这一格存成了数字/)]],
      [6, 'invalid', ['安置开始日期：填写了安置方式时，请填写安置开始日期']],
    ]);
  });

  it('reads the status facts and the other benefits back into the record, and names what is wrong in them', async () => {
    const db = database();
    const headers = [...GENERATED_HEADERS, H.fatherStatus, H.motherStatus, H.guardianship, H.familyIncome, H.autism, H.otherBenefits];
    const facts = (i: number, extra: (string | null)[]) => [...childRow(i), ...extra];
    const rows = [
      facts(9, ['死亡', '宣告死亡', '监护正常', '低保、经济困难', '是', '医疗救助 2026-02-01起；康复救助 2026-03-01起 1500元']),
      facts(11, ['出差', '健在', null, null, null, null]),
      facts(12, ['服刑在押', null, null, null, null, null]),
      facts(13, [null, null, '监护缺失', null, '也许', null]),
      facts(14, [null, null, null, null, null, '生活费 2026-01-01起']),
      facts(15, [null, null, null, null, null, '康复救助 从三月起']),
    ];
    const file = await workbookBase64([headers, ...rows]);
    const seen = await preview(db, file);
    expect(seen.rows.map((r) => [r.row, r.action, r.errors.map((e) => `${e.column}：${e.message}`)])).toEqual([
      [2, 'create', []],
      [3, 'invalid', [expect.stringMatching(/^父亲状况：不认识的父亲状况“出差”，可填：健在、死亡/)]],
      [4, 'invalid', ['母亲状况：填写了父亲状况时，请填写母亲状况']],
      [5, 'invalid', ['孤独症诊断：“孤独症诊断”应填“是”或“否”，而不是“也许”']],
      [6, 'invalid', [expect.stringMatching(/^其他保障待遇：不认识的保障待遇“生活费”/)]],
      [7, 'invalid', ['其他保障待遇：“康复救助 从三月起”应写作“待遇名称 开始日期起 月标准元”，如“基本生活费 2026-01-01起 2400元”']],
    ]);
    await runImport(db.ctx, { fileName: 'children.xlsx', contentBase64: file, mapping: seen.mapping, rows: [{ row: 2, action: 'create' }] });
    const id = (db.ctx.sqlite.prepare('SELECT id FROM children').get() as { id: number }).id;
    const record = loadRecord(db.ctx, id, { forFacts: true })!;
    expect(record.statusFacts.map((f) => f.fact)).toEqual(
      expect.arrayContaining([
        { kind: 'parentsStatus', value: { father: 'deceased', mother: 'declaredDead' } },
        { kind: 'guardianship', value: 'adequate' },
        { kind: 'familyIncome', value: { minimumLivingSecurity: true, lowIncomeEdge: false, extremePoverty: false, economicHardship: true } },
        { kind: 'autismDiagnosis', value: true },
      ]),
    );
    // The category 孤儿 of the row is stated by the parents' columns: no second parents' fact from it.
    expect(record.statusFacts.filter((f) => f.fact.kind === 'parentsStatus')).toHaveLength(1);
    expect(record.benefits.map((b) => [b.code, b.from, b.monthlyAmountFen])).toEqual(
      expect.arrayContaining([
        ['basicLivingAllowance', '2026-01-01', 240_000],
        ['medicalAid', '2026-02-01', null],
        ['rehabilitationAid', '2026-03-01', 150_000],
      ]),
    );
    // The same file again: that row is unchanged.
    expect((await preview(db, file)).rows[0]).toMatchObject({ row: 2, action: 'unchanged' });
  });

  it('lets the registry refuse what it refuses: a birth in the future, an admission before birth', async () => {
    const db = database();
    const future = childRow(7);
    future[2] = { date: '2030-01-01' };
    future[3] = null;
    const early = childRow(8);
    early[4] = { date: '2000-01-01' };
    const seen = await preview(db, await workbookBase64([GENERATED_HEADERS, future, early]));
    expect(seen.rows.map((r) => r.errors)).toEqual([
      [{ column: '出生日期', message: '出生日期不能晚于今天（2026-11-29）' }],
      [{ column: '入院日期', message: expect.stringContaining('入院日期不能早于出生日期') }],
    ]);
  });
});

describe('a known ID number', () => {
  it('proposes an update with the differences, and applies it to the same child', async () => {
    const db = database();
    const row = childRow(4);
    const child = createChild(db.ctx, { name: String(row[0]), sex: 'male', birthDate: (row[2] as { date: string }).date, idNumber: String(row[3]), admissionDate: null });
    addPlacement(db.ctx, { childId: child.id, kind: 'foster', from: '2014-01-01' });
    const file = await workbookBase64([GENERATED_HEADERS, row]);
    const seen = await preview(db, file);
    expect(seen.rows[0]).toMatchObject({ action: 'update', errors: [] });
    expect(seen.rows[0]!.changes).toEqual(
      expect.arrayContaining([
        { column: '入院日期', before: '', after: '2014-06-01' },
        { column: '户籍', before: '', after: '浦东新区' },
        { column: '安置方式', before: '家庭寄养', after: '市级儿童福利机构集中养育' },
        { column: '安置开始日期', before: '2014-01-01', after: '2014-06-01' },
      ]),
    );
    expect(await runImport(db.ctx, { fileName: 'x.xlsx', contentBase64: file, mapping: seen.mapping, rows: [{ row: 2, action: 'update' }] })).toEqual({ created: 0, updated: 1 });
    expect(count(db, 'children')).toBe(1);
    const record = loadRecord(db.ctx, child.id)!;
    expect(record.child).toMatchObject({ admissionDate: '2014-06-01', hukouKind: 'shanghai', hukouDistrictCode: '310115' });
    expect(record.placements.map((p) => [p.kind, p.from, p.to])).toEqual([
      ['foster', '2014-01-01', '2014-05-31'],
      ['municipalInstitution', '2014-06-01', null],
    ]);
    expect((await preview(db, file)).rows[0]!.action).toBe('unchanged');
  });

  it('refuses an import whose confirmed rows are no longer what the preview showed, writing nothing', async () => {
    const db = database();
    const file = await workbookBase64([GENERATED_HEADERS, childRow(10), childRow(11)]);
    const seen = await preview(db, file);
    const row = childRow(11);
    createChild(db.ctx, { name: String(row[0]), sex: 'female', birthDate: (row[2] as { date: string }).date, idNumber: String(row[3]), admissionDate: (row[4] as { date: string }).date });
    const before = count(db, 'audit_log');
    const result = runImport(db.ctx, { fileName: 'x.xlsx', contentBase64: file, mapping: seen.mapping, rows: confirmable(seen) });
    await expect(result).rejects.toBeInstanceOf(AppError);
    await expect(result).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('第3行与预览时不同') });
    expect(count(db, 'children')).toBe(1);
    expect(count(db, 'audit_log')).toBe(before);
  });

  it('remembers the mapping of the last import and uses it for the next workbook', async () => {
    const db = database();
    const headers = ['儿童', '性别', '生日', '证件', '入院', '户籍'];
    const row = childRow(12).slice(0, 6);
    const file = await workbookBase64([headers, row]);
    await expect(preview(db, file)).rejects.toMatchObject({ field: 'mapping.name' });
    const mapping = { name: '儿童', sex: '性别', birthDate: '生日', idNumber: '证件', admissionDate: '入院', hukou: '户籍' };
    const seen = await previewImport(db.ctx, { fileName: 'a.xlsx', contentBase64: file, mapping });
    expect(seen.counts.create).toBe(1);
    await runImport(db.ctx, { fileName: 'a.xlsx', contentBase64: file, mapping, rows: confirmable(seen) });
    const next = await preview(db, await workbookBase64([headers, childRow(13).slice(0, 6)]));
    expect(next.mapping).toMatchObject(mapping);
    expect(next.counts.create).toBe(1);
  });
});
