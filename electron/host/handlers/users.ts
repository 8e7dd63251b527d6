import type { AppCore } from '../../services/app/app-core';
import { createUser, listUsers, resetPassword, setUserActive, unlockUser, updateUser } from '../../services/users/users';
import type { Handler } from '../router';
import type { SessionStore } from '../sessions';
import { actorOf } from './app';

/** Account changes reach the person's open sessions at once: new roles apply, a disabled or reset account signs out. */
export function usersHandlers(core: AppCore, sessions: SessionStore) {
  const handlers: {
    'users:list': Handler<'users:list'>;
    'users:create': Handler<'users:create'>;
    'users:update': Handler<'users:update'>;
    'users:resetPassword': Handler<'users:resetPassword'>;
    'users:unlock': Handler<'users:unlock'>;
    'users:setActive': Handler<'users:setActive'>;
  } = {
    'users:list': (_input, ctx) => listUsers(core.context(actorOf(ctx.session))),
    'users:create': (input, ctx) => createUser(core.context(actorOf(ctx.session)), { ...input, mustChangePassword: true }),
    'users:update': (input, ctx) => {
      const account = updateUser(core.context(actorOf(ctx.session)), input);
      sessions.updateUser(account);
      return account;
    },
    'users:resetPassword': (input, ctx) => {
      const account = resetPassword(core.context(actorOf(ctx.session)), input.id, input.password);
      sessions.endUser(account.id);
      return account;
    },
    'users:unlock': (input, ctx) => unlockUser(core.context(actorOf(ctx.session)), input.id),
    'users:setActive': (input, ctx) => {
      const account = setUserActive(core.context(actorOf(ctx.session)), input.id, input.active);
      if (!account.active) sessions.endUser(account.id);
      return account;
    },
  };
  return handlers;
}
