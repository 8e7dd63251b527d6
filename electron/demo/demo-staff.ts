/**
 * The demo institution's staff besides its administrator: two therapists, a supervisor, a placement
 * officer and a caseworker, each with a generated password (printed by `npm run demo` like the
 * administrator's). The rehabilitation sessions are signed by the therapists, the reintegration
 * decisions approved by the supervisor. An account whose username is already taken is left alone.
 */
import { randomInt } from 'node:crypto';
import type { Role } from '../../shared/contract/permissions';
import type { ServiceContext } from '../services/core/context';
import { createUser } from '../services/users/users';
import { passwordProblem } from '../services/users/passwords';

export const DEMO_STAFF: readonly { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'therapist.wang', displayName: '康复治疗师 王丽', roles: ['therapist'] },
  { username: 'therapist.zhao', displayName: '康复治疗师 赵敏', roles: ['therapist'] },
  { username: 'supervisor.zhang', displayName: '主管 张华', roles: ['supervisor'] },
  { username: 'placement.sun', displayName: '安置专员 孙强', roles: ['placementOfficer'] },
  { username: 'caseworker.chen', displayName: '社工 陈静', roles: ['caseworker'] },
];

export type DemoAccount = { id: number; username: string; displayName: string; roles: Role[]; password: string };

/** A readable random password (three groups of five) that meets the strength rules. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    const groups = Array.from({ length: 3 }, () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join(''));
    const password = groups.join('-');
    if (passwordProblem(password) === null && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password)) return password;
  }
}

/** Creates the demo staff accounts not yet present; returns those created, with their passwords. */
export function createDemoStaff(ctx: ServiceContext): DemoAccount[] {
  const taken = ctx.sqlite.prepare('SELECT 1 FROM users WHERE username = ?');
  const created: DemoAccount[] = [];
  for (const s of DEMO_STAFF) {
    if (taken.get(s.username)) continue;
    const password = generatePassword();
    const user = createUser(ctx, { ...s, password });
    created.push({ id: user.id, username: s.username, displayName: s.displayName, roles: s.roles, password });
  }
  return created;
}

/** The active accounts holding `role`, oldest first (the demo's therapists, its supervisor). */
export function activeWith(ctx: ServiceContext, role: Role): { id: number; username: string; roles: Role[] }[] {
  const rows = ctx.sqlite.prepare('SELECT id, username, roles FROM users WHERE active = 1 ORDER BY id').all() as { id: number; username: string; roles: string }[];
  return rows.map((r) => ({ id: r.id, username: r.username, roles: JSON.parse(r.roles) as Role[] })).filter((r) => r.roles.includes(role));
}
