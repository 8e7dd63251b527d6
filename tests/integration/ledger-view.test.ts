/**
 * A ledger as a printed list ('ledger:view'): the same rows as the workbook's sheet (the roster with its
 * printable columns only), the same permissions as the export, and a 'ledger.view' audit entry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/services/core/context';
import { loadDemoData } from '../../electron/demo/demo';
import { exportLedgers, viewLedger } from '../../electron/services/ledgers/ledgers';
import { AppError } from '../../shared/contract/errors';
import { LEDGER_SHEET_NAMES_ZH, ROSTER_PRINT_HEADERS } from '../../shared/contract/ledgers';
import { tempDatabase } from '../helpers/temp-db';
import { readWorkbook } from '../helpers/workbook';

const databases: ReturnType<typeof tempDatabase>[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) db.cleanup();
});
const PERIOD = { from: '2025-12-01', to: '2026-11-29' };

/** A workbook cell as the print view shows it: dates as YYYY-MM-DD, everything else as is. */
const asViewed = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ?? null);

describe('ledger:view', () => {
  it('lists the roster with its printable columns, row for row the same as the exported sheet', async () => {
    const db = tempDatabase();
    databases.push(db);
    loadDemoData(db.ctx, { children: 40 });
    const view = viewLedger(db.ctx, { ledger: 'roster', ...PERIOD });
    expect(view.title).toBe('儿童花名册');
    expect(view.columns.map((c) => c.header)).toEqual([...ROSTER_PRINT_HEADERS]);
    const exported = await exportLedgers(db.ctx, { ledgers: ['roster'], ...PERIOD });
    const sheet = (await readWorkbook(exported.contentBase64)).sheets.get('儿童花名册')!;
    const index = view.columns.map((c) => sheet[0]!.indexOf(c.header));
    expect(index.every((i) => i >= 0)).toBe(true);
    expect(view.rows).toHaveLength(sheet.length - 1);
    expect(view.rows).toEqual(sheet.slice(1).map((row) => index.map((i) => asViewed(row[i]))));
    expect(view.rows.filter((r) => r[view.columns.length - 1] !== null).length).toBeGreaterThan(10);
    const audit = db.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'ledger.view'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ ledger: 'roster', ...PERIOD, rows: 40 }]);
  }, 60_000);

  it('keeps every column of the other ledgers, and refuses the mental-health list to a caseworker with nothing audited', () => {
    const db = tempDatabase();
    databases.push(db);
    loadDemoData(db.ctx, { children: 30 });
    const sessions = viewLedger(db.ctx, { ledger: 'rehabSessions', ...PERIOD });
    expect(sessions.title).toBe(LEDGER_SHEET_NAMES_ZH.rehabSessions);
    expect(sessions.rows.length).toBeGreaterThan(0);
    expect(sessions.rows.every((r) => r.length === sessions.columns.length)).toBe(true);
    const caseworker: ServiceContext = { ...db.ctx, actor: { userId: 1, username: 'cw', roles: ['caseworker'] } };
    const before = (db.ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    let error: unknown;
    try {
      viewLedger(caseworker, { ledger: 'mentalHealth', ...PERIOD });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('forbidden');
    expect((db.ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before);
  }, 60_000);
});
