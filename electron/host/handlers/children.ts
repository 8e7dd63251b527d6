import type { AppCore } from '../../services/app-core';
import { createChild, getChild, listChildren } from '../../services/children';
import type { Handler } from '../router';
import { actorOf } from './app';

export function childrenHandlers(core: AppCore) {
  const handlers: {
    'children:list': Handler<'children:list'>;
    'children:create': Handler<'children:create'>;
    'children:get': Handler<'children:get'>;
  } = {
    'children:list': (input, ctx) => listChildren(core.context(actorOf(ctx.session)), input),
    'children:create': (input, ctx) => createChild(core.context(actorOf(ctx.session)), input),
    'children:get': (input, ctx) => getChild(core.context(actorOf(ctx.session)), input.id),
  };
  return handlers;
}
