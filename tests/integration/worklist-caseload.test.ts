/**
 * The worklist for a person (issue 18.9), against a real encrypted database with the demo data: items
 * whose work is on the reintegration case carry the case's id; the person's own children come first,
 * most pressing first within each part; a supervisor gets one order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { assignCaseload } from '../../electron/services/users/caseloads';
import { createUser } from '../../electron/services/users/users';
import { buildWorklist } from '../../electron/services/worklist/worklist';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
let caseworkerId: number;
let supervisorId: number;

beforeAll(() => {
  db = tempDatabase({ actor: { userId: 1, username: 'tester', roles: ['supervisor', 'caseworker'] } });
  loadDemoData(db.ctx, { children: 120 });
  caseworkerId = createUser(db.ctx, { username: 'wang.sw', displayName: '王社工', password: 'W4ng!password-x', roles: ['caseworker'] }).id;
  supervisorId = createUser(db.ctx, { username: 'zhao.sv', displayName: '赵主管', password: 'Zh4o!password-x', roles: ['supervisor', 'caseworker'] }).id;
});
afterAll(() => db?.cleanup());

const as = (userId: number, roles: ('caseworker' | 'supervisor')[]) => ({ ...db.ctx, actor: { userId, username: 'x', roles } });

describe('the worklist for a person', () => {
  it('overdue handovers and due assessments carry the open case they are worked on', () => {
    const list = buildWorklist(as(caseworkerId, ['caseworker']), {});
    const caseItems = list.items.filter((i) => i.kind === 'reintegrationOverdue');
    expect(caseItems.length).toBeGreaterThan(0);
    for (const item of caseItems) {
      const open = db.ctx.sqlite.prepare('SELECT id FROM reintegration_cases WHERE child_id = ? AND voided_at IS NULL AND closed_on IS NULL').get(item.childId) as { id: number } | undefined;
      expect(item.caseId).toBe(open?.id);
      expect(typeof item.caseId).toBe('number');
    }
    expect(list.items.filter((i) => i.kind === 'turning18').every((i) => i.caseId === undefined)).toBe(true);
  });

  it('the person’s own children first, the order kept within each part; a supervisor keeps one order', () => {
    const before = buildWorklist(as(caseworkerId, ['caseworker']), {}).items;
    const supBefore = buildWorklist(as(supervisorId, ['supervisor', 'caseworker']), {}).items;
    const lastChild = before.at(-1)!.childId;
    assignCaseload(db.ctx, { childId: lastChild, userId: caseworkerId, role: 'caseworker' });
    const after = buildWorklist(as(caseworkerId, ['caseworker']), {}).items;
    expect(after[0]!.childId).toBe(lastChild);
    expect(after[0]!.mine).toBe(true);
    const mine = after.filter((i) => i.mine);
    expect(mine.every((i) => i.childId === lastChild)).toBe(true);
    // Everything else in the order it had.
    const key = (i: { kind: string; childId: number; dueDate: string }) => `${i.kind}|${i.childId}|${i.dueDate}`;
    expect(after.slice(mine.length).map(key)).toEqual(before.filter((i) => i.childId !== lastChild).map(key));
    // A supervisor with the same child assigned: one order, the most pressing first.
    assignCaseload(db.ctx, { childId: lastChild, userId: supervisorId, role: 'caseworker' });
    const sup = buildWorklist(as(supervisorId, ['supervisor', 'caseworker']), {}).items;
    expect(sup.map(key)).toEqual(supBefore.map(key));
    expect(sup.find((i) => i.childId === lastChild)?.mine).toBe(true);
    expect(sup[0]!.childId).not.toBe(lastChild);
  });
});
