/**
 * Statistics (统计报表, policy 七(二十一)): the children in care on a day counted by category, placement,
 * age band and hukou district; the children turning 18 per quarter of a period; rehabilitation activity
 * per therapist and month of the period; the reintegration outcomes (一(四)) per year of the period.
 */
import { z } from 'zod';
import { isoDate } from './common';
import { channel } from './define';

export const statisticsInputSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' });
export type StatisticsInput = z.input<typeof statisticsInputSchema>;

/** One bar: a code (category, placement, age band, district code, 'none', 'other', 'unknown') and its count. */
const countSchema = z.object({ key: z.string(), count: z.number().int() });

export const statisticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Children in care on `to`. */
  inCare: z.number().int(),
  byCategory: z.array(countSchema),
  byPlacement: z.array(countSchema),
  byAgeBand: z.array(countSchema),
  byDistrict: z.array(countSchema),
  /** Children in care today whose 18th birthday falls in the period, per quarter (`2026Q3`). */
  turning18: z.array(z.object({ quarter: z.string(), count: z.number().int() })),
  /** Sessions attended, minutes and children seen, per month and therapist (null: sessions logged without one). */
  rehab: z.array(
    z.object({ month: z.string(), therapist: z.string().nullable(), sessions: z.number().int(), absences: z.number().int(), minutes: z.number().int(), children: z.number().int() }),
  ),
  /**
   * Reintegration outcomes per calendar year of the period, counting what is dated within it: cases
   * closed (the board's stage 'closed', by closing date), resettled and transferred (by their dates),
   * and the approved decisions, capable and not capable (by assessment date).
   */
  reintegration: z.array(
    z.object({
      year: z.string(),
      closed: z.number().int(),
      resettled: z.number().int(),
      transferred: z.number().int(),
      capable: z.number().int(),
      notCapable: z.number().int(),
    }),
  ),
});
export type Statistics = z.infer<typeof statisticsSchema>;

export const reportsChannels = {
  /** The statistics page's figures for a period (the counts as of its last day); audited. */
  'reports:statistics': channel({
    input: statisticsInputSchema,
    output: statisticsSchema,
    permission: 'reports.read',
    description: 'read statistics',
  }),
} as const;
