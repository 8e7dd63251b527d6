/**
 * The autism full chain of policy 二(七): 筛查 → 评估 → 诊断 → 干预 → 康复 → 照护, in that order.
 * Pure helpers shared by the service and the child page.
 */
export const AUTISM_STAGES = ['screening', 'assessment', 'diagnosis', 'intervention', 'rehabilitation', 'care'] as const;
export type AutismStage = (typeof AUTISM_STAGES)[number];

export const AUTISM_STAGE_LABELS_ZH: Record<AutismStage, string> = {
  screening: '筛查',
  assessment: '评估',
  diagnosis: '诊断',
  intervention: '干预',
  rehabilitation: '康复',
  care: '照护',
};

/** Tools commonly used at each stage (suggestions in the form; any tool may be typed). */
export const AUTISM_TOOLS: Record<AutismStage, readonly string[]> = {
  screening: ['M-CHAT-R/F', 'CHAT-23', 'ABC'],
  assessment: ['ABC', 'CARS', 'ADOS-2', 'ADI-R', 'PEP-3'],
  diagnosis: ['DSM-5', 'ICD-11', 'ADOS-2', 'CARS'],
  intervention: ['ABA', 'ESDM', 'TEACCH', 'PECS'],
  rehabilitation: ['言语训练', '感觉统合训练', '社交技能训练'],
  care: [],
};

type StageEvent = { stage: AutismStage; occurredOn: string; voidedAt: string | null };

/** Where the child stands: the furthest stage reached by a live event, with the first date each stage was reached. */
export function autismProgress(events: readonly StageEvent[]): { current: AutismStage | null; reachedOn: Partial<Record<AutismStage, string>> } {
  const reachedOn: Partial<Record<AutismStage, string>> = {};
  let currentIndex = -1;
  for (const e of events) {
    if (e.voidedAt !== null) continue;
    const first = reachedOn[e.stage];
    if (first === undefined || e.occurredOn < first) reachedOn[e.stage] = e.occurredOn;
    currentIndex = Math.max(currentIndex, AUTISM_STAGES.indexOf(e.stage));
  }
  return { current: currentIndex < 0 ? null : AUTISM_STAGES[currentIndex], reachedOn };
}
