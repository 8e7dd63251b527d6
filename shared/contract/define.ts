import type { z } from 'zod';
import type { Permission } from './permissions';

export type ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
  permission: Permission;
  /** Whether a call is written to the audit trail as an access (reads of a child's page, exports). */
  description: string;
};

/** Declares one channel; keeps the zod types for inference. */
export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}
