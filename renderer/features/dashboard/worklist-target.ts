import type { WorklistItem, WorklistKind } from '../../../shared/contract/worklist';

/** The child page's tab an item opens on, where its work is done (the eligibility tab for entitlement items). */
const KIND_TAB: Partial<Record<WorklistKind, string>> = { mentalHealthDue: 'mentalHealth', mentalHealthHighRisk: 'mentalHealth', rehabReviewDue: 'rehab', compulsorySchooling: 'education' };

/**
 * Where a worklist item opens (issue 18.9): the reintegration case for an overdue handover or a due
 * assessment (when the child has an open case), the rehabilitation tab for a plan review, the
 * mental-health tab for its checks, the eligibility tab for entitlements.
 */
export function worklistTarget(item: Pick<WorklistItem, 'kind' | 'childId' | 'caseId'>): string {
  if ((item.kind === 'reintegrationOverdue' || item.kind === 'assessmentDue') && typeof item.caseId === 'number') return `/reintegration/${item.caseId}`;
  return `/children/${item.childId}/${KIND_TAB[item.kind] ?? 'eligibility'}`;
}
