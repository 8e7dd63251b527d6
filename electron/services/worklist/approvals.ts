/**
 * The supervisor's queue (issue 18.9): rehabilitation plans submitted for approval and reintegration
 * assessments whose decision waits for a supervisor, oldest first, each for the roles that decide them.
 */
import type { ApprovalQueue } from '../../../shared/contract/caseload';
import { can } from '../../../shared/contract/permissions';
import type { ServiceContext } from '../core/context';
import { pendingPlans } from '../rehab/rehab-plans';

export function approvalQueue(ctx: ServiceContext): ApprovalQueue {
  const roles = ctx.actor?.roles ?? [];
  const plans = can(roles, 'rehab.approve') ? pendingPlans(ctx) : [];
  const assessments = can(roles, 'reintegration.approve')
    ? (ctx.sqlite
        .prepare(
          `SELECT a.id AS assessmentId, a.case_id AS caseId, a.child_id AS childId, c.name AS childName, a.assessed_on AS assessedOn, a.round, a.result, u.display_name AS by
             FROM reintegration_assessments a
             JOIN reintegration_cases k ON k.id = a.case_id AND k.voided_at IS NULL AND k.closed_on IS NULL
             JOIN children c ON c.id = a.child_id
             LEFT JOIN users u ON u.id = a.created_by
            WHERE a.approved_at IS NULL AND a.voided_at IS NULL AND a.case_id IS NOT NULL
            ORDER BY a.assessed_on, a.id`,
        )
        .all() as ApprovalQueue['assessments'])
    : [];
  return { plans, assessments };
}
