import { appChannels } from './app';
import { autismChannels } from './autism';
import { backupChannels } from './backup';
import { caseloadChannels } from './caseload';
import { auditChannels } from './audit';
import { childrenChannels } from './children';
import { desksChannels } from './desks';
import { eligibilityChannels } from './eligibility';
import { historyChannels } from './history';
import { jobsChannels } from './jobs';
import { mentalHealthChannels } from './mental-health';
import { ledgerChannels } from './ledgers';
import { recordChannels } from './record';
import { reportsChannels } from './reports';
import { rehabChannels } from './rehab';
import { reintegrationChannels } from './reintegration';
import { settingsChannels } from './settings';
import { usersChannels } from './users';
import { worklistChannels } from './worklist';
import { z } from 'zod';
import type { Result } from './errors';
import type { ChangeSubscribe } from './events';

/**
 * zod's own messages (a wrong type, a missing field) in Chinese, on both sides of the contract; every
 * schema that can say something more precise still does, with its own message.
 */
z.config(z.locales.zhCN());

export * from './errors';
export * from './permissions';
export * from './common';
export type { ChannelDef } from './define';

/** Every channel between renderer and main: `area:verb` → input, output, permission. */
export const contract = {
  ...appChannels,
  ...childrenChannels,
  ...recordChannels,
  ...eligibilityChannels,
  ...worklistChannels,
  ...usersChannels,
  ...historyChannels,
  ...backupChannels,
  ...auditChannels,
  ...settingsChannels,
  ...rehabChannels,
  ...mentalHealthChannels,
  ...autismChannels,
  ...reintegrationChannels,
  ...ledgerChannels,
  ...reportsChannels,
  ...jobsChannels,
  ...desksChannels,
  ...caseloadChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

/** The one function the renderer uses to reach the main process. */
export type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
/** `onChange`: changes made at any desk (absent where the transport cannot tell, e.g. an old preload). */
export type TonghuApi = { invoke: Invoke; onChange?: ChangeSubscribe };
