import { AppError } from '../../../shared/contract/errors';
import type { AppCore } from '../../services/app/app-core';
import type { DataHost } from '../data-host/data-host';
import type { Handler } from '../router';
import { actorOf } from './app';

type DeskChannel = 'desks:status' | 'desks:listen' | 'desks:stopListening' | 'desks:addWorkstation' | 'desks:list' | 'desks:rename' | 'desks:revoke' | 'desks:probe' | 'desks:enroll';

/** Reached only when the install could not act as a workstation (set up already, or no way to seal a key here). */
const notAWorkstation = (core: AppCore) => (): never => {
  if (core.phase() === 'setup') throw new AppError('forbidden', '这台电脑没有可保管工作站私钥的系统钥匙串（也未提供口令），暂不能作为工作站');
  throw new AppError('forbidden', '这台电脑保存着本机数据，不能再作为工作站连接数据主机');
};

/** The data host's side of 多台电脑; a workstation answers `desks:status`, `desks:probe` and `desks:enroll` itself. */
export function desksHandlers(core: AppCore, desks: () => DataHost): { [C in DeskChannel]: Handler<C> } {
  return {
    'desks:status': () => desks().status(),
    'desks:listen': (input, ctx) => desks().listen(actorOf(ctx.session), input.address, input.port),
    'desks:stopListening': (_input, ctx) => desks().stop(actorOf(ctx.session)),
    'desks:addWorkstation': (_input, ctx) => desks().addWorkstation(actorOf(ctx.session)),
    'desks:list': () => desks().list(),
    'desks:rename': (input, ctx) => desks().rename(actorOf(ctx.session), input.id, input.name),
    'desks:revoke': (input, ctx) => desks().revoke(actorOf(ctx.session), input.id),
    'desks:probe': notAWorkstation(core),
    'desks:enroll': notAWorkstation(core),
  };
}
