/**
 * Long work a page waits for (an import of thousands of rows): the page names the job when it asks for
 * the work, and asks `jobs:status` how far it has come while the answer is pending. Polling works over
 * every transport (IPC, the browser host, a workstation's connection).
 */
import { z } from 'zod';
import { channel } from './define';

/** A job's name, chosen by the page (a random id). */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '任务编号无效');

export const JOB_PHASES = ['read', 'check', 'write'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export const jobStatusSchema = z.object({
  /** unknown: no such job of this person (never started, or finished long ago). */
  state: z.enum(['running', 'done', 'failed', 'unknown']),
  /** read: the workbook is being read and checked; check: rows tried against the records; write: rows being saved. */
  phase: z.enum(JOB_PHASES).nullable(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobsChannels = {
  /** How far one of the signed-in person's jobs has come. */
  'jobs:status': channel({
    input: z.object({ jobId: jobIdSchema }),
    output: jobStatusSchema,
    permission: 'authenticated',
    description: 'progress of a long job',
  }),
};
