import { describe, expect, it } from 'vitest';
import { WORKLIST_KINDS } from '../../../shared/contract/worklist';
import { worklistTarget } from './worklist-target';

describe('where a worklist item opens', () => {
  it('a plan review opens the rehabilitation tab, an overdue handover the case, never the eligibility tab for either', () => {
    expect(worklistTarget({ kind: 'rehabReviewDue', childId: 7, caseId: undefined })).toBe('/children/7/rehab');
    expect(worklistTarget({ kind: 'reintegrationOverdue', childId: 7, caseId: 31 })).toBe('/reintegration/31');
    expect(worklistTarget({ kind: 'assessmentDue', childId: 7, caseId: 31 })).toBe('/reintegration/31');
    expect(worklistTarget({ kind: 'mentalHealthHighRisk', childId: 7, caseId: undefined })).toBe('/children/7/mentalHealth');
  });

  it('an assessment due before any case is open goes to the child; entitlement items to the eligibility tab', () => {
    expect(worklistTarget({ kind: 'assessmentDue', childId: 7, caseId: null })).toBe('/children/7/eligibility');
    for (const kind of ['turning18', 'allowanceStops', 'conflict'] as const) expect(worklistTarget({ kind, childId: 3, caseId: undefined })).toBe('/children/3/eligibility');
  });

  it('every kind opens somewhere', () => {
    for (const kind of WORKLIST_KINDS) expect(worklistTarget({ kind, childId: 1, caseId: 2 })).toMatch(/^\/(children|reintegration)\//);
  });
});
