/**
 * Migration 0002_registry_record (the child's full record): a database made at the previous level with
 * children and audit rows is migrated without losing or changing a row; the new columns start empty;
 * the new tables belong to their child (ON DELETE CASCADE). The migration only adds — it never
 * rebuilds `children`, so no cascade can fire while it runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrate';
import { keyCheckValue } from '../../db/key-check';
import { openDatabase } from '../../db/open';
import { fixedClock } from '../../electron/services/core/clock';
import { namePinyin } from '../../electron/services/record/pinyin';
import { getRecord } from '../../electron/services/record/record';
import { addPlacement } from '../../electron/services/record/record-history';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { makeIdNumber } from '../../shared/domain/id-number';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import type { SqliteDb } from '../../db/open';

const TAG = '0002_registry_record';
const NEW_TABLES = [
  'documents',
  'child_status_facts',
  'placements',
  'guardianships',
  'disabilities',
  'education_records',
  'benefits_received',
  'medical_insurance',
  'medical_aid_claims',
  'reintegration_assessments',
  'vocational_rehab',
];

/**
 * Registers a child the way the app did at the previous level (0000–0001): only the columns that existed
 * then, and its audit row chained as it was then. Today's createChild writes later columns (ethnicity,
 * hukou district…) that the old schema does not have, so it cannot stand in for the old app.
 */
function registerAsTheOldAppDid(sqlite: SqliteDb, at: string, child: { name: string; sex: string; birthDate: string; idNumber: string | null; admissionDate?: string }): number {
  const { full, initials } = namePinyin(child.name);
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO children (name, name_pinyin, name_initials, sex, birth_date, id_number, status, admission_date, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'inCare', ?, ?, ?)`,
      )
      .run(child.name, full, initials, child.sex, child.birthDate, child.idNumber, child.admissionDate ?? null, at, at).lastInsertRowid,
  );
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const row = { prev_hash: last?.hash ?? '0'.repeat(64), at, user_id: 1, username: 'tester', action: 'child.create', entity: 'child', entity_id: id, child_id: id, detail: JSON.stringify({ fields: ['name', 'sex', 'birthDate', 'idNumber', 'admissionDate'] }) };
  const hash = createHash('sha256')
    .update(JSON.stringify([row.prev_hash, row.at, row.user_id, row.username, row.action, row.entity, row.entity_id, row.child_id, row.detail]))
    .digest('hex');
  sqlite
    .prepare(
      `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, child_id, detail, prev_hash, hash)
       VALUES (@at, @user_id, @username, @action, @entity, @entity_id, @child_id, @detail, @prev_hash, @hash)`,
    )
    .run({ ...row, hash });
  return id;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

describe(`migration ${TAG}`, () => {
  const all = readMigrations(MIGRATIONS_DIR);
  const index = all.findIndex((m) => m.tag === TAG);

  it('is in the journal and only adds: no table rebuild, no DROP, no UPDATE or DELETE of rows', () => {
    expect(index).toBeGreaterThan(0);
    const sql = all[index].sql;
    expect(sql).not.toMatch(/DROP TABLE|__new_|RENAME TO|^\s*(UPDATE|DELETE)\b/im);
    expect(sql).toMatch(/ALTER TABLE `children` ADD `hukou_kind` text/);
  });

  it('keeps every existing child and audit row, byte for byte, and the new record works for them', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'tonghu.db');
    const key = randomBytes(32);
    const clock = fixedClock('2026-11-29T09:00:00+08:00');
    const actor = { userId: 1, username: 'tester', roles: ['caseworker' as const] };

    // The database as the previous version of the app left it.
    const old = openDatabase({ file, key, keyCheck: null, migrations: all.slice(0, index) });
    const at = clock.now().toISOString();
    const ids = [
      registerAsTheOldAppDid(old.sqlite, at, { name: '王小明', sex: 'male', birthDate: '2010-03-07', idNumber: makeIdNumber('310104', '2010-03-07', 11, 'male'), admissionDate: '2011-01-01' }),
      registerAsTheOldAppDid(old.sqlite, at, { name: '无名女婴', sex: 'female', birthDate: '2025-12-01', idNumber: null }),
    ];
    // Exactly the old schema: the columns 0002 adds are not there yet.
    const oldChildColumns = (old.sqlite.prepare("SELECT name FROM pragma_table_info('children')").all() as { name: string }[]).map((c) => c.name);
    expect(oldChildColumns).not.toContain('ethnicity');
    expect(oldChildColumns).not.toContain('hukou_kind');
    const childrenBefore = old.sqlite.prepare('SELECT * FROM children ORDER BY id').all();
    const auditBefore = old.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(old.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'placements'").get()).toBeUndefined();
    old.close();

    // The new version opens it and applies the migration.
    const opened = openDatabase({ file, key, keyCheck: keyCheckValue(key), migrations: all });
    cleanups.push(() => opened.sqlite.open && opened.close());
    expect(opened.migrations.applied).toEqual(all.slice(index).map((m) => m.tag));
    const sqlite = opened.sqlite;
    const after = sqlite.prepare('SELECT * FROM children ORDER BY id').all() as Record<string, unknown>[];
    const oldColumns = Object.keys(childrenBefore[0] as object);
    expect(after.map((row) => Object.fromEntries(oldColumns.map((c) => [c, row[c]])))).toEqual(childrenBefore);
    for (const row of after) {
      for (const c of ['former_names', 'hukou_kind', 'hukou_district_code', 'admission_source', 'discharge_date', 'photo_document_id']) expect(row[c], c).toBeNull();
    }
    // Later migrations add audit columns (0017: workstation_id, empty for old rows): the old ones are unchanged.
    const oldAuditColumns = Object.keys(auditBefore[0] as object);
    const auditAfter = sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
    expect(auditAfter.map((row) => Object.fromEntries(oldAuditColumns.map((c) => [c, row[c]])))).toEqual(auditBefore);
    for (const row of auditAfter.slice(0, auditBefore.length)) expect(row.workstation_id ?? null).toBeNull();
    expect(verifyAuditChain(sqlite).ok).toBe(true);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    for (const table of NEW_TABLES) {
      const fks = sqlite.prepare(`SELECT "table", "from", on_delete FROM pragma_foreign_key_list(?)`).all(table) as { table: string; from: string; on_delete: string }[];
      expect(fks.find((f) => f.from === 'child_id'), table).toEqual({ table: 'children', from: 'child_id', on_delete: 'CASCADE' });
    }

    const ctx = { db: opened.db, sqlite, clock, actor };
    addPlacement(ctx, { childId: ids[0], kind: 'municipalInstitution', from: '2011-01-01' });
    expect(getRecord(ctx, ids[0])).toMatchObject({ child: { name: '王小明', formerNames: [], hukouKind: null }, placements: [{ kind: 'municipalInstitution' }] });
    expect(getRecord(ctx, ids[1]).child.idNumber).toBeNull();
  });
});
