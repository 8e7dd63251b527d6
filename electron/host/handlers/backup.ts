import { AppError, ValidationError } from '../../../shared/contract/errors';
import type { AppCore } from '../../services/app/app-core';
import { appendAudit } from '../../services/audit/audit';
import { auditCheckpoint, backupHealth, backupSettled, getBackupSettings, listBackups, restoreBackup, restoreFromFile, runBackup, saveBackupSettings } from '../../services/backup/backup';
import { checkOwnPassword } from '../../services/users/users';
import type { Handler } from '../router';
import type { Session, SessionStore } from '../sessions';
import { actorOf, requireSession } from './app';

export function backupHandlers(core: AppCore, sessions: SessionStore) {
  /** Ends the keeping of the sealed recovery code once one group of it is typed back correctly. */
  const confirmCode = (input: { group: number; value: string }, session: Session | null): null => {
    const code = core.unconfirmedRecoveryCode();
    if (!code) return null;
    const group = code.split('-')[input.group - 1] ?? '';
    if (input.value.trim().toUpperCase() !== group) throw new ValidationError('value', `第 ${input.group} 组不对，请对照打印的恢复码再输入`);
    core.confirmRecoveryCode();
    const svc = core.context(actorOf(session));
    svc.sqlite.transaction(() => appendAudit(svc, { action: 'key.recoveryCodeConfirmed', detail: { recoveryId: core.recoveryEnvelope().recoveryId } }))();
    return null;
  };
  const handlers: {
    'backup:settings': Handler<'backup:settings'>;
    'backup:run': Handler<'backup:run'>;
    'backup:list': Handler<'backup:list'>;
    'backup:restore': Handler<'backup:restore'>;
    'key:status': Handler<'key:status'>;
    'key:change': Handler<'key:change'>;
    'key:unconfirmedCode': Handler<'key:unconfirmedCode'>;
    'key:confirmCode': Handler<'key:confirmCode'>;
    'key:confirmSetupCode': Handler<'key:confirmSetupCode'>;
    'backup:health': Handler<'backup:health'>;
    'backup:restoreFromFile': Handler<'backup:restoreFromFile'>;
    'audit:checkpoint': Handler<'audit:checkpoint'>;
  } = {
    'backup:settings': (input, ctx) => (input === null ? getBackupSettings(core) : saveBackupSettings(core, actorOf(ctx.session), input)),
    'backup:run': (_input, ctx) => runBackup(core, actorOf(ctx.session), 'manual'),
    'backup:list': () => listBackups(core),
    'backup:restore': async (input, ctx) => {
      const result = await restoreBackup(core, actorOf(ctx.session), input.file, input.recoveryCode ?? null);
      // The data behind every session has changed: everyone signs in again.
      sessions.clear();
      return result;
    },
    'key:status': () => ({ recoveryUnseen: core.recoveryUnseen() }),
    'key:change': async (input, ctx) => {
      const session = requireSession(ctx);
      const svc = core.context(actorOf(session));
      if (!checkOwnPassword(svc, session.user.id, input.password)) {
        throw new AppError('bad_credentials', '密码不正确', { field: 'password' });
      }
      // A backup under way reads the database under the old key in a worker: the rekey waits for it.
      await backupSettled(core);
      const result = core.changeKey();
      const after = core.context(actorOf(session));
      after.sqlite.transaction(() => appendAudit(after, { action: 'key.changed', entity: 'user', entityId: session.user.id }))();
      // Older backups stay under the old key (they need the old code): a verified backup under the new key, at once.
      if (!getBackupSettings(core).folder) return { ...result, backup: null, backupError: '尚未设置备份文件夹：请立即设置并备份' };
      try {
        const backup = await runBackup(core, actorOf(session), 'keyChange');
        return { ...result, backup, backupError: backup.verified ? null : '更换密钥后的备份未通过检查，请检查备份文件夹后立即重新备份' };
      } catch (error) {
        return { ...result, backup: null, backupError: `更换密钥后的备份未能完成：${(error as Error).message}` };
      }
    },
    'key:unconfirmedCode': () => {
      const recoveryCode = core.unconfirmedRecoveryCode();
      return { recoveryCode, recoveryId: core.recoveryEnvelope().recoveryId, institutionName: core.institutionName() };
    },
    'key:confirmCode': (input, ctx) => confirmCode(input, ctx.session),
    'key:confirmSetupCode': (input, ctx) => confirmCode(input, ctx.session),
    'backup:health': () => backupHealth(core),
    'backup:restoreFromFile': (input) => {
      const result = restoreFromFile(core, input);
      sessions.clear();
      return result;
    },
    'audit:checkpoint': async (_input, ctx) => auditCheckpoint(core, actorOf(ctx.session)),
  };
  return handlers;
}
