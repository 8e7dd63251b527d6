import type { AppCore } from '../../services/app/app-core';
import { createChild, getChild, listChildrenOffThread } from '../../services/registry/children';
import { archiveChild, dischargeChild, restoreChild } from '../../services/registry/discharge';
import type { Handler } from '../router';
import { actorOf } from './app';

export function childrenHandlers(core: AppCore) {
  const handlers: {
    'children:list': Handler<'children:list'>;
    'children:create': Handler<'children:create'>;
    'children:get': Handler<'children:get'>;
    'children:discharge': Handler<'children:discharge'>;
    'children:archive': Handler<'children:archive'>;
    'children:restore': Handler<'children:restore'>;
  } = {
    'children:list': (input, ctx) => listChildrenOffThread(core.context(actorOf(ctx.session)), input, core.workers),
    'children:create': (input, ctx) => createChild(core.context(actorOf(ctx.session)), input),
    'children:get': (input, ctx) => getChild(core.context(actorOf(ctx.session)), input.id),
    'children:discharge': (input, ctx) => dischargeChild(core.context(actorOf(ctx.session)), input),
    'children:archive': (input, ctx) => archiveChild(core.context(actorOf(ctx.session)), input),
    'children:restore': (input, ctx) => restoreChild(core.context(actorOf(ctx.session)), input),
  };
  return handlers;
}
