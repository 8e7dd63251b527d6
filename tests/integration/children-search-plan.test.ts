/**
 * A search of the children list (issue 19, benchmark: 40 % of every desk's requests) is one pass over the
 * table with the few matches sorted, not a walk of the status index with a lookup of every child in care
 * (several times slower at 10,000 children); a list without a search still walks the index in order. The
 * answers are those of the plain reading of the search: the children in care whose name, pinyin or ID
 * number matches, in pinyin order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { childListQueries, listChildren } from '../../electron/services/registry/children';
import { childListInputSchema } from '../../shared/contract/children';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  db = tempDatabase({ actor: { userId: 1, username: 'tester', roles: ['caseworker'] } });
  loadDemoData(db.ctx, { children: 300 });
  // The planner's statistics as a long-used database would have them: the plan must not depend on their absence.
  db.ctx.sqlite.exec('ANALYZE');
});
afterAll(() => db?.cleanup());

type Row = { id: number; name: string; initials: string; pinyin: string; idNumber: string | null; status: string };
const children = (): Row[] =>
  db.ctx.sqlite.prepare(`SELECT id, name, name_initials AS initials, name_pinyin AS pinyin, id_number AS idNumber, status FROM children`).all() as Row[];

function plan(sql: string, params: (string | number)[]): string {
  return (db.ctx.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('searching the children list', () => {
  it('scans the table once for a search, in care or not, and walks the status index for a plain list', () => {
    const someone = children().find((c) => c.status === 'inCare' && c.idNumber)!;
    for (const query of [someone.name, someone.initials, someone.idNumber!.slice(8, 14)]) {
      for (const status of ['inCare', null] as const) {
        const input = childListInputSchema.parse({ query, status, limit: 100 });
        const { countSql, rowsSql, params } = childListQueries(db.ctx, input);
        for (const sql of [countSql, rowsSql.replace('LIMIT ? OFFSET ?', 'LIMIT 100 OFFSET 0')]) {
          const p = plan(sql, params);
          expect(p, `${query} ${status}: ${sql}`).toMatch(/SCAN children/);
          expect(p).not.toMatch(/children_status_name_idx/);
        }
      }
    }
    const plain = childListQueries(db.ctx, childListInputSchema.parse({ limit: 100 }));
    expect(plan(plain.rowsSql.replace('LIMIT ? OFFSET ?', 'LIMIT 100 OFFSET 0'), plain.params)).toMatch(/children_status_name_idx/);
  });

  it('finds exactly the children in care matching the name, the pinyin initials or the ID fragment, in pinyin order', () => {
    const all = children();
    const inCare = all.filter((c) => c.status === 'inCare');
    const byPinyin = (a: Row, b: Row) => (a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : a.id - b.id);
    const samples = inCare.filter((_, i) => i % 37 === 5 && i > 0).slice(0, 6);
    expect(samples.length).toBeGreaterThan(3);
    for (const c of samples) {
      const cases: [string, (r: Row) => boolean][] = [
        [c.name, (r) => r.name.includes(c.name)],
        [c.initials, (r) => r.initials.startsWith(c.initials) || r.pinyin.replaceAll('v', 'u').includes(c.initials)],
      ];
      if (c.idNumber) cases.push([c.idNumber.slice(8, 14), (r) => (r.idNumber ?? '').includes(c.idNumber!.slice(8, 14))]);
      for (const [query, matches] of cases) {
        const expected = inCare.filter(matches).sort(byPinyin).map((r) => r.id);
        const got = listChildren(db.ctx, { query, limit: 500 });
        expect(got.rows.map((r) => r.id), query).toEqual(expected);
        expect(got.total).toBe(expected.length);
        expect(got.rows.map((r) => r.id)).toContain(c.id);
      }
    }
  });
});
