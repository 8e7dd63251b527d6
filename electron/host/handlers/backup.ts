import { AppError } from '../../../shared/contract/errors';
import type { AppCore } from '../../services/app/app-core';
import { appendAudit } from '../../services/audit/audit';
import { getBackupSettings, listBackups, restoreBackup, runBackup, saveBackupSettings } from '../../services/backup/backup';
import { checkOwnPassword } from '../../services/users/users';
import type { Handler } from '../router';
import type { SessionStore } from '../sessions';
import { actorOf, requireSession } from './app';

export function backupHandlers(core: AppCore, sessions: SessionStore) {
  const handlers: {
    'backup:settings': Handler<'backup:settings'>;
    'backup:run': Handler<'backup:run'>;
    'backup:list': Handler<'backup:list'>;
    'backup:restore': Handler<'backup:restore'>;
    'key:status': Handler<'key:status'>;
    'key:change': Handler<'key:change'>;
  } = {
    'backup:settings': (input, ctx) => (input === null ? getBackupSettings(core) : saveBackupSettings(core, actorOf(ctx.session), input)),
    'backup:run': (_input, ctx) => runBackup(core, actorOf(ctx.session), 'manual'),
    'backup:list': () => listBackups(core),
    'backup:restore': (input, ctx) => {
      const result = restoreBackup(core, actorOf(ctx.session), input.file);
      // The data behind every session has changed: everyone signs in again.
      sessions.clear();
      return result;
    },
    'key:status': () => ({ recoveryUnseen: core.recoveryUnseen() }),
    'key:change': (input, ctx) => {
      const session = requireSession(ctx);
      const svc = core.context(actorOf(session));
      if (!checkOwnPassword(svc, session.user.id, input.password)) {
        throw new AppError('bad_credentials', '密码不正确', { field: 'password' });
      }
      const result = core.changeKey();
      const after = core.context(actorOf(session));
      after.sqlite.transaction(() => appendAudit(after, { action: 'key.changed', entity: 'user', entityId: session.user.id }))();
      return result;
    },
  };
  return handlers;
}
