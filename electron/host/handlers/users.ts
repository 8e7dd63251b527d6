import type { AppCore } from '../../services/app-core';
import { createUser, listUsers } from '../../services/users';
import type { Handler } from '../router';
import { actorOf } from './app';

export function usersHandlers(core: AppCore) {
  const handlers: {
    'users:list': Handler<'users:list'>;
    'users:create': Handler<'users:create'>;
  } = {
    'users:list': (_input, ctx) => listUsers(core.context(actorOf(ctx.session))),
    'users:create': (input, ctx) => createUser(core.context(actorOf(ctx.session)), { ...input, mustChangePassword: true }),
  };
  return handlers;
}
