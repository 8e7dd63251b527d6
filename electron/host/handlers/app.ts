import type { AppStatus } from '../../../shared/contract/app';
import { AppError } from '../../../shared/contract/errors';
import type { AppCore } from '../../services/app/app-core';
import { appendAudit } from '../../services/audit/audit';
import { checkBackupFolder, setUpBackups } from '../../services/backup/backup';
import { can } from '../../../shared/contract/permissions';
import type { Actor } from '../../services/core/context';
import { authenticate, changePassword, unlockScreen } from '../../services/users/users';
import type { Handler, HandlerContext } from '../router';
import type { Session, SessionStore } from '../sessions';

export function actorOf(session: Session | null): Actor | null {
  return session ? { userId: session.user.id, username: session.user.username, roles: session.user.roles } : null;
}

export function requireSession(ctx: HandlerContext): Session {
  if (!ctx.session) throw new AppError('unauthenticated', '请先登录');
  return ctx.session;
}

export function appHandlers(core: AppCore, sessions: SessionStore) {
  const status = (connection: string): AppStatus => {
    const session = sessions.get(connection);
    return {
      phase: core.phase(),
      keyMode: core.keyMode,
      institutionName: core.institutionName(),
      problem: core.problem(),
      user: session ? session.user : null,
      screenLocked: session?.locked ?? false,
      passphraseRequired: core.passphraseRequired,
      idleLockMinutes: sessions.idleMinutes(),
      damage: core.damage(),
      auditWarning: session && can(session.user.roles, 'audit.read') ? core.auditWarning() : null,
    };
  };

  const handlers: {
    'app:status': Handler<'app:status'>;
    'app:setup': Handler<'app:setup'>;
    'app:unlock': Handler<'app:unlock'>;
    'auth:login': Handler<'auth:login'>;
    'auth:logout': Handler<'auth:logout'>;
    'auth:changePassword': Handler<'auth:changePassword'>;
    'auth:lock': Handler<'auth:lock'>;
    'auth:unlockScreen': Handler<'auth:unlockScreen'>;
  } = {
    'app:status': (_input, ctx) => {
      sessions.touch(ctx.connection);
      return status(ctx.connection);
    },
    'app:setup': async (input) => {
      // The backup folder is checked before anything is created, so a bad path leaves no half set-up.
      if (input.backupFolder) checkBackupFolder(core.dataDir, input.backupFolder);
      const result = core.setup(input);
      if (input.backupFolder) {
        try {
          await setUpBackups(core, input.backupFolder);
        } catch {
          // The recovery code must still reach the administrator; the dashboard shows that no backup exists.
        }
      }
      return result;
    },
    'app:unlock': (input, ctx) => {
      core.unlock(input.method, input.secret, input.newPassphrase ?? null);
      return status(ctx.connection);
    },
    'auth:login': (input, ctx) => {
      const user = authenticate(core.context(null), input.username, input.password);
      sessions.start(ctx.connection, user);
      return user;
    },
    'auth:logout': (_input, ctx) => {
      const session = requireSession(ctx);
      const svc = core.context(actorOf(session));
      svc.sqlite.transaction(() => appendAudit(svc, { action: 'auth.logout', entity: 'user', entityId: session.user.id }))();
      sessions.end(ctx.connection);
      return null;
    },
    'auth:changePassword': (input, ctx) => {
      const session = requireSession(ctx);
      const user = changePassword(core.context(actorOf(session)), session.user.id, input.currentPassword, input.newPassword);
      // The person's other sessions end, as after an administrator's reset; this one carries on.
      sessions.endUser(user.id, ctx.connection);
      sessions.unlock(ctx.connection, user);
      return user;
    },
    'auth:lock': (_input, ctx) => {
      const session = requireSession(ctx);
      sessions.lock(ctx.connection);
      const svc = core.context(actorOf(session));
      svc.sqlite.transaction(() => appendAudit(svc, { action: 'auth.screenLocked', entity: 'user', entityId: session.user.id }))();
      return null;
    },
    'auth:unlockScreen': (input, ctx) => {
      const session = requireSession(ctx);
      try {
        const user = unlockScreen(core.context(actorOf(session)), session.user.id, input.password);
        sessions.unlock(ctx.connection, user);
        return user;
      } catch (error) {
        // Five wrong passwords lock the account (as at sign-in): this session is signed out with it.
        if (error instanceof AppError && (error.code === 'account_locked' || error.code === 'unauthenticated')) sessions.end(ctx.connection);
        throw error;
      }
    },
  };
  return handlers;
}
