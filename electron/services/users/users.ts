import { randomBytes } from 'node:crypto';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { Role } from '../../../shared/contract/permissions';
import type { SessionUser } from '../../../shared/contract/common';
import type { UserAccount } from '../../../shared/contract/users';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;

let dummyHash: string | null = null;
/**
 * A hash of a random password, made once: an unknown or disabled user name is checked against it so
 * that sign-in costs one scrypt whether or not the name exists (the time does not tell which do).
 */
function dummyPasswordHash(): string {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
  return dummyHash;
}

type UserRow = {
  id: number;
  username: string;
  display_name: string;
  roles: string;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  created_at: string;
};

function toSessionUser(row: UserRow, sqlite?: ServiceContext['sqlite']): SessionUser {
  const mustChange = row.must_change_password === 1;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    mustChangePassword: mustChange,
    mustChangeReason: !mustChange || !sqlite ? null : passwordWasReset(sqlite, row.id) ? 'reset' : 'firstSignIn',
  };
}

/** Whether an administrator has ever reset this account's password (else a password to change is the one it was created with). */
function passwordWasReset(sqlite: ServiceContext['sqlite'], userId: number): boolean {
  return sqlite.prepare("SELECT 1 FROM audit_log WHERE action = 'user.passwordReset' AND entity = 'user' AND entity_id = ? LIMIT 1").get(userId) !== undefined;
}

function findByUsername(ctx: ServiceContext, username: string): UserRow | undefined {
  return ctx.sqlite.prepare('SELECT * FROM users WHERE lower(username) = lower(?)').get(username) as UserRow | undefined;
}

export function getUser(ctx: ServiceContext, id: number): SessionUser | null {
  const row = ctx.sqlite.prepare('SELECT * FROM users WHERE id = ? AND active = 1').get(id) as UserRow | undefined;
  return row ? toSessionUser(row, ctx.sqlite) : null;
}

/** Creates an account. The password must meet the minimum strength. */
export function createUser(
  ctx: ServiceContext,
  input: { username: string; displayName: string; password: string; roles: Role[]; mustChangePassword?: boolean },
): SessionUser {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('weak_password', problem, { field: 'password' });
  if (input.roles.length === 0) throw new ValidationError('roles', '请至少选择一个角色');
  return inTransaction(ctx, () => {
    if (findByUsername(ctx, input.username)) throw new AppError('duplicate', '用户名已存在', { field: 'username' });
    const info = ctx.sqlite
      .prepare(
        `INSERT INTO users (username, display_name, roles, password_hash, must_change_password, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.username,
        input.displayName,
        JSON.stringify(input.roles),
        hashPassword(input.password),
        input.mustChangePassword ? 1 : 0,
        ctx.clock.now().toISOString(),
      );
    const id = Number(info.lastInsertRowid);
    appendAudit(ctx, { action: 'user.create', entity: 'user', entityId: id, detail: { username: input.username, roles: input.roles } });
    return getUser(ctx, id)!;
  });
}

/**
 * One more wrong password for `row` (at sign-in or at the lock screen): audited as `action`; the fifth in
 * a row locks the account for LOCKOUT_MINUTES (audited) and throws `account_locked`.
 */
function countFailure(ctx: ServiceContext, row: UserRow, action: 'auth.loginFailed' | 'auth.unlockFailed'): void {
  const now = ctx.clock.now();
  const failures = row.failed_logins + 1;
  const lock = failures >= MAX_FAILED_LOGINS;
  const lockedUntil = lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
  inTransaction(ctx, () => {
    ctx.sqlite.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(lock ? 0 : failures, lockedUntil, row.id);
    appendAudit(ctx, { action, entity: 'user', entityId: row.id, detail: { username: row.username, attempt: failures } });
    if (lock) appendAudit(ctx, { action: 'auth.accountLocked', entity: 'user', entityId: row.id, detail: { username: row.username, lockedUntil } });
  });
  if (lock) throw new AppError('account_locked', `连续${MAX_FAILED_LOGINS}次密码错误，账户已锁定${LOCKOUT_MINUTES}分钟`, { details: { lockedUntil } });
}

/**
 * Checks a username and password. Five failures in a row lock the account for 15 minutes;
 * every failure, lock and success is audited.
 */
export function authenticate(ctx: ServiceContext, username: string, password: string): SessionUser {
  const row = findByUsername(ctx, username);
  const now = ctx.clock.now();
  // One scrypt on every path (unknown, disabled, locked, wrong, right), before anything is decided.
  const passwordMatches = verifyPassword(password, row && row.active === 1 ? row.password_hash : dummyPasswordHash());
  if (!row || row.active !== 1) {
    inTransaction(ctx, () =>
      appendAudit(
        ctx,
        row
          ? { action: 'auth.loginFailed', entity: 'user', entityId: row.id, detail: { username: row.username, reason: 'disabled' } }
          : { action: 'auth.loginFailed', detail: { username, reason: 'unknownUser' } },
      ),
    );
    throw new AppError('bad_credentials', '用户名或密码不正确');
  }
  if (row.locked_until && new Date(row.locked_until) > now) {
    inTransaction(ctx, () =>
      appendAudit({ ...ctx, actor: null }, { action: 'auth.loginRefusedLocked', entity: 'user', entityId: row.id, detail: { username: row.username } }),
    );
    throw new AppError('account_locked', `账户已被锁定，请于 ${new Date(row.locked_until).toLocaleTimeString('zh-CN')} 后再试或联系管理员`, {
      details: { lockedUntil: row.locked_until },
    });
  }
  if (!passwordMatches) {
    countFailure(ctx, row, 'auth.loginFailed');
    throw new AppError('bad_credentials', '用户名或密码不正确');
  }
  const user = toSessionUser(row, ctx.sqlite);
  inTransaction(ctx, () => {
    // Only when something is to be reset: a database open read-only (found damaged) still lets people sign in.
    if (row.failed_logins !== 0 || row.locked_until !== null) {
      ctx.sqlite.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    }
    appendAudit({ ...ctx, actor: { userId: row.id, username: row.username, roles: user.roles } }, { action: 'auth.login', entity: 'user', entityId: row.id });
  });
  return user;
}

/** Changes one's own password after checking the current one. */
export function changePassword(ctx: ServiceContext, userId: number, currentPassword: string, newPassword: string): SessionUser {
  const row = ctx.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
  if (!row) throw new AppError('not_found', '用户不存在');
  if (!verifyPassword(currentPassword, row.password_hash)) throw new ValidationError('currentPassword', '当前密码不正确');
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError('weak_password', problem, { field: 'newPassword' });
  if (currentPassword === newPassword) throw new ValidationError('newPassword', '新密码不能与当前密码相同');
  inTransaction(ctx, () => {
    ctx.sqlite.prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hashPassword(newPassword), userId);
    appendAudit(ctx, { action: 'auth.passwordChanged', entity: 'user', entityId: userId });
  });
  return getUser(ctx, userId)!;
}

/** Checks the signed-in person's password before a sensitive step (changing the database key). */
export function checkOwnPassword(ctx: ServiceContext, userId: number, password: string): boolean {
  const row = ctx.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as { password_hash: string } | undefined;
  return row !== undefined && verifyPassword(password, row.password_hash);
}

/**
 * Unlocks a locked screen with the signed-in person's password. Wrong passwords count with sign-in
 * failures (audited as `auth.unlockFailed`): the fifth in a row locks the account as sign-in does and
 * throws `account_locked` (the caller then signs the session out). A locked or disabled account is
 * refused even with the right password. Returns the account as it stands now.
 */
export function unlockScreen(ctx: ServiceContext, userId: number, password: string): SessionUser {
  const row = ctx.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
  const passwordMatches = verifyPassword(password, row?.password_hash ?? dummyPasswordHash());
  if (!row || row.active !== 1) throw new AppError('unauthenticated', '账户已停用，请重新登录');
  if (row.locked_until && new Date(row.locked_until) > ctx.clock.now()) {
    inTransaction(ctx, () => appendAudit(ctx, { action: 'auth.loginRefusedLocked', entity: 'user', entityId: row.id, detail: { username: row.username, where: 'lockScreen' } }));
    throw new AppError('account_locked', `账户已被锁定，请于 ${new Date(row.locked_until).toLocaleTimeString('zh-CN')} 后重新登录或联系管理员`, {
      details: { lockedUntil: row.locked_until },
    });
  }
  if (!passwordMatches) {
    countFailure(ctx, row, 'auth.unlockFailed');
    throw new AppError('bad_credentials', `密码不正确（连续${MAX_FAILED_LOGINS}次错误将退出登录并锁定账户）`, { field: 'password' });
  }
  inTransaction(ctx, () => {
    ctx.sqlite.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    appendAudit(ctx, { action: 'auth.screenUnlocked', entity: 'user', entityId: row.id });
  });
  return toSessionUser(row);
}

/** Every account, by username, disabled ones included (no password hashes leave the service). */
export function listUsers(ctx: ServiceContext): UserAccount[] {
  const rows = ctx.sqlite.prepare('SELECT * FROM users ORDER BY lower(username)').all() as UserRow[];
  return rows.map((r) => toAccount(r, ctx.clock.now()));
}

function toAccount(row: UserRow, now: Date): UserAccount {
  const locked = row.locked_until !== null && new Date(row.locked_until) > now;
  return { ...toSessionUser(row), lockedUntil: locked ? row.locked_until : null, active: row.active === 1, createdAt: row.created_at };
}

function requireRow(ctx: ServiceContext, id: number): UserRow {
  const row = ctx.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  if (!row) throw new AppError('not_found', '用户不存在', { field: 'id' });
  return row;
}

function accountOf(ctx: ServiceContext, id: number): UserAccount {
  return toAccount(requireRow(ctx, id), ctx.clock.now());
}

/** Active accounts holding the administrator role, other than `exceptId`. */
function otherActiveAdministrators(ctx: ServiceContext, exceptId: number): number {
  const rows = ctx.sqlite.prepare('SELECT id, roles FROM users WHERE active = 1 AND id <> ?').all(exceptId) as { id: number; roles: string }[];
  return rows.filter((r) => (JSON.parse(r.roles) as Role[]).includes('administrator')).length;
}

/**
 * Changes an account's display name and roles. Someone must remain able to administer: an
 * administrator cannot drop their own administrator role, nor may the last one lose it.
 */
export function updateUser(ctx: ServiceContext, input: { id: number; displayName: string; roles: Role[] }): UserAccount {
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) throw new ValidationError('roles', '请至少选择一个角色');
  return inTransaction(ctx, () => {
    const row = requireRow(ctx, input.id);
    const before = toSessionUser(row);
    const losesAdmin = before.roles.includes('administrator') && !roles.includes('administrator');
    if (losesAdmin && ctx.actor?.userId === row.id) throw new ValidationError('roles', '不能取消自己的系统管理员角色，请由另一位管理员操作');
    if (losesAdmin && row.active === 1 && otherActiveAdministrators(ctx, row.id) === 0) {
      throw new ValidationError('roles', '这是唯一的系统管理员，不能取消其管理员角色');
    }
    const changes: { field: string; before: unknown; after: unknown }[] = [];
    if (before.displayName !== input.displayName) changes.push({ field: 'displayName', before: before.displayName, after: input.displayName });
    if (JSON.stringify(before.roles) !== JSON.stringify(roles)) changes.push({ field: 'roles', before: before.roles, after: roles });
    if (changes.length > 0) {
      ctx.sqlite.prepare('UPDATE users SET display_name = ?, roles = ? WHERE id = ?').run(input.displayName, JSON.stringify(roles), row.id);
      appendAudit(ctx, { action: 'user.update', entity: 'user', entityId: row.id, detail: changes });
    }
    return accountOf(ctx, row.id);
  });
}

/** An administrator sets a temporary password; the person must change it at the next sign-in. Clears a lock. */
export function resetPassword(ctx: ServiceContext, id: number, password: string): UserAccount {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('weak_password', problem, { field: 'password' });
  return inTransaction(ctx, () => {
    const row = requireRow(ctx, id);
    ctx.sqlite
      .prepare('UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_until = NULL WHERE id = ?')
      .run(hashPassword(password), row.id);
    appendAudit(ctx, { action: 'user.passwordReset', entity: 'user', entityId: row.id, detail: { username: row.username } });
    return accountOf(ctx, row.id);
  });
}

/** Lifts the lock after five wrong passwords (and the count of failures). */
export function unlockUser(ctx: ServiceContext, id: number): UserAccount {
  return inTransaction(ctx, () => {
    const row = requireRow(ctx, id);
    ctx.sqlite.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    appendAudit(ctx, { action: 'user.unlock', entity: 'user', entityId: row.id, detail: { username: row.username, lockedUntil: row.locked_until } });
    return accountOf(ctx, row.id);
  });
}

/** Disables or re-enables an account; accounts are never deleted. Nobody disables themselves or the last administrator. */
export function setUserActive(ctx: ServiceContext, id: number, active: boolean): UserAccount {
  return inTransaction(ctx, () => {
    const row = requireRow(ctx, id);
    if (!active && ctx.actor?.userId === row.id) throw new ValidationError('active', '不能停用自己的账户');
    const isAdmin = (JSON.parse(row.roles) as Role[]).includes('administrator');
    if (!active && isAdmin && row.active === 1 && otherActiveAdministrators(ctx, row.id) === 0) {
      throw new ValidationError('active', '这是唯一的系统管理员，不能停用');
    }
    if ((row.active === 1) !== active) {
      ctx.sqlite.prepare('UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, row.id);
      appendAudit(ctx, { action: active ? 'user.enable' : 'user.disable', entity: 'user', entityId: row.id, detail: { username: row.username } });
    }
    return accountOf(ctx, row.id);
  });
}
