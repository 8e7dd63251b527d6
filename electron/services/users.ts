import { AppError, ValidationError } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import type { SessionUser } from '../../shared/contract/common';
import { appendAudit } from './audit';
import { type ServiceContext, inTransaction } from './context';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

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
};

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    mustChangePassword: row.must_change_password === 1,
  };
}

function findByUsername(ctx: ServiceContext, username: string): UserRow | undefined {
  return ctx.sqlite.prepare('SELECT * FROM users WHERE lower(username) = lower(?)').get(username) as UserRow | undefined;
}

export function getUser(ctx: ServiceContext, id: number): SessionUser | null {
  const row = ctx.sqlite.prepare('SELECT * FROM users WHERE id = ? AND active = 1').get(id) as UserRow | undefined;
  return row ? toSessionUser(row) : null;
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
 * Checks a username and password. Five failures in a row lock the account for 15 minutes;
 * every failure, lock and success is audited.
 */
export function authenticate(ctx: ServiceContext, username: string, password: string): SessionUser {
  const row = findByUsername(ctx, username);
  const now = ctx.clock.now();
  if (!row || row.active !== 1) {
    inTransaction(ctx, () => appendAudit(ctx, { action: 'auth.loginFailed', detail: { username, reason: 'unknownUser' } }));
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
  if (!verifyPassword(password, row.password_hash)) {
    const failures = row.failed_logins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    inTransaction(ctx, () => {
      ctx.sqlite
        .prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?')
        .run(lock ? 0 : failures, lockedUntil, row.id);
      appendAudit(ctx, { action: 'auth.loginFailed', entity: 'user', entityId: row.id, detail: { username: row.username, attempt: failures } });
      if (lock) appendAudit(ctx, { action: 'auth.accountLocked', entity: 'user', entityId: row.id, detail: { username: row.username, lockedUntil } });
    });
    if (lock) throw new AppError('account_locked', `连续${MAX_FAILED_LOGINS}次密码错误，账户已锁定${LOCKOUT_MINUTES}分钟`, { details: { lockedUntil } });
    throw new AppError('bad_credentials', '用户名或密码不正确');
  }
  const user = toSessionUser(row);
  inTransaction(ctx, () => {
    ctx.sqlite.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
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

/** Checks the signed-in person's password to unlock a locked screen (no lockout counting here). */
export function checkOwnPassword(ctx: ServiceContext, userId: number, password: string): boolean {
  const row = ctx.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as { password_hash: string } | undefined;
  return row !== undefined && verifyPassword(password, row.password_hash);
}

/** Every account, by username (no password hashes leave the service). */
export function listUsers(ctx: ServiceContext): SessionUser[] {
  const rows = ctx.sqlite.prepare('SELECT id FROM users ORDER BY username').all() as { id: number }[];
  return rows.map((r) => getUser(ctx, r.id)!);
}
