import { z } from 'zod';
import { idSchema } from './common';
import { channel } from './define';

/** The roles that carry a caseload (我的儿童): who looks after a child day to day. */
export const CASELOAD_ROLES = ['caseworker', 'therapist', 'placementOfficer'] as const;
export const caseloadRoleSchema = z.enum(CASELOAD_ROLES, { message: '请选择负责的角色' });
export type CaseloadRole = z.infer<typeof caseloadRoleSchema>;

export const caseloadRowSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  childName: z.string(),
  userId: z.number().int(),
  userName: z.string(),
  role: caseloadRoleSchema,
  assignedAt: z.string(),
  assignedBy: z.string().nullable(),
});
export type CaseloadRow = z.infer<typeof caseloadRowSchema>;

export const caseloadAssignSchema = z.object({ childId: idSchema, userId: z.number({ message: '请选择负责人' }).int().positive('请选择负责人'), role: caseloadRoleSchema });
export type CaseloadAssignInput = z.input<typeof caseloadAssignSchema>;

export const approvalQueueSchema = z.object({
  /** Rehabilitation plans submitted for approval (empty without rehab.approve). */
  plans: z.array(z.object({ planId: z.number().int(), childId: z.number().int(), childName: z.string(), version: z.number().int(), submittedAt: z.string(), by: z.string().nullable() })),
  /** Reintegration assessments whose decision awaits a supervisor (empty without reintegration.approve). */
  assessments: z.array(
    z.object({
      assessmentId: z.number().int(),
      caseId: z.number().int(),
      childId: z.number().int(),
      childName: z.string(),
      assessedOn: z.string(),
      round: z.number().int(),
      result: z.string(),
      by: z.string().nullable(),
    }),
  ),
});
export type ApprovalQueue = z.infer<typeof approvalQueueSchema>;

export const caseloadChannels = {
  /** A supervisor's queue: plans and assessments awaiting approval, oldest first. */
  'approvals:queue': channel({ input: z.null(), output: approvalQueueSchema, permission: 'worklist.read', description: 'plans and assessments awaiting approval' }),
  /** Open assignments: of one child (`childId`), of one person (`userId`), or the signed-in person's own (`mine`). */
  'caseload:list': channel({
    input: z.object({ childId: idSchema.optional(), userId: idSchema.optional(), mine: z.boolean().optional() }),
    output: z.array(caseloadRowSchema),
    permission: 'children.read',
    description: 'list caseload assignments',
  }),
  /** An administrator or supervisor gives a child to a caseworker, therapist or placement officer. */
  'caseload:assign': channel({ input: caseloadAssignSchema, output: caseloadRowSchema, permission: 'caseload.assign', description: 'assign a child to a person' }),
  /** Active accounts holding each caseload role, for the assignment dialog. */
  'caseload:people': channel({
    input: z.null(),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), roles: z.array(caseloadRoleSchema) })),
    permission: 'caseload.assign',
    description: 'people who can carry a caseload',
  }),
  /** Ends an assignment (the row is kept, with its end time). */
  'caseload:end': channel({ input: z.object({ id: idSchema }), output: z.null(), permission: 'caseload.assign', description: 'end a caseload assignment' }),
};
