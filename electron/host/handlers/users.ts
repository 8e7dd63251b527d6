import type { AppCore } from '../../services/app-core';
import { createUser, listUsers, resetPassword, setUserActive, unlockUser, updateUser } from '../../services/users';
import type { Handler } from '../router';
import { actorOf } from './app';

export function usersHandlers(core: AppCore) {
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
    'users:update': (input, ctx) => updateUser(core.context(actorOf(ctx.session)), input),
    'users:resetPassword': (input, ctx) => resetPassword(core.context(actorOf(ctx.session)), input.id, input.password),
    'users:unlock': (input, ctx) => unlockUser(core.context(actorOf(ctx.session)), input.id),
    'users:setActive': (input, ctx) => setUserActive(core.context(actorOf(ctx.session)), input.id, input.active),
  };
  return handlers;
}
