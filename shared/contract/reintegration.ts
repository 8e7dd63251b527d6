/**
 * The age-18 reintegration case (回归社会安置, 一(四)): the pipeline board, one case with its checklist,
 * assessments (scored on the configured rubric, approved by a supervisor), resettlement with the four
 * handover tasks and follow-up visits, transfer with vocational rehabilitation, and the dossier.
 */
import { z } from 'zod';
import { MULTILINE, safeText } from './text';
import { DISTRICT_CODES } from '../domain/districts';
import { CASE_STAGES, CHECKLIST_ITEMS, ITEM_STATUSES } from '../domain/reintegration';
import { ASSESSMENT_RESULTS, REINTEGRATION_STATUSES, REINTEGRATION_TASKS } from '../domain/rules-types';
import { idSchema, isoDate } from './common';
import { channel } from './define';
import { expectedVersionField, versioned, versionsSchema } from './versions';
import { optionalText, requiredText } from './common';
import { assessmentRowSchema, childProfileSchema, documentMetaSchema, rowMeta, vocationalRehabRowSchema } from './record';

export const caseStageSchema = z.enum(CASE_STAGES);
const itemStatusSchema = z.enum(ITEM_STATUSES, { message: '请选择状态' });
const receivingDistrictSchema = z.enum(DISTRICT_CODES, { message: '接收安置区须为上海市现有的16个区之一' });
const caseIdField = { caseId: idSchema };

// ——— rows ———

export const checklistRowSchema = z.object({
  ...rowMeta,
  caseId: z.number().int(),
  item: z.enum(CHECKLIST_ITEMS),
  owner: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type ChecklistRow = z.infer<typeof checklistRowSchema>;

export const taskRowSchema = z.object({
  ...rowMeta,
  caseId: z.number().int(),
  task: z.enum(REINTEGRATION_TASKS),
  contact: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  doneOn: z.string().nullable(),
  evidenceDocumentIds: z.array(z.number().int()),
  note: z.string().nullable(),
});
export type TaskRow = z.infer<typeof taskRowSchema>;

export const visitRowSchema = z.object({
  ...rowMeta,
  caseId: z.number().int(),
  visitedOn: z.string(),
  visitor: z.string(),
  notes: z.string(),
});
export type VisitRow = z.infer<typeof visitRowSchema>;

export const scoreRowSchema = z.object({ domain: z.string(), weight: z.number(), score: z.number().int(), evidence: z.string().nullable() });

export const caseAssessmentSchema = assessmentRowSchema.extend({
  thresholdReason: z.string().nullable(),
  scores: z.array(scoreRowSchema),
  weightedScore: z.number().nullable(),
  approvedByName: z.string().nullable(),
});
export type CaseAssessment = z.infer<typeof caseAssessmentSchema>;

const officerSchema = z.object({ id: z.number().int(), displayName: z.string() });

/** What the board shows of a case. */
export const pipelineCaseSchema = z.object({
  id: z.number().int(),
  childId: z.number().int(),
  childName: z.string(),
  birthDate: z.string(),
  eighteenthBirthday: z.string(),
  openedOn: z.string(),
  stage: caseStageSchema,
  status: z.enum(REINTEGRATION_STATUSES),
  officer: officerSchema.nullable(),
  receivingDistrict: z.enum(DISTRICT_CODES).nullable(),
  /** What the next step still lacks, in zh-CN. */
  missing: z.array(z.string()),
  /** Checklist items and handover tasks past their due date and not done, in zh-CN. */
  overdue: z.array(z.string()),
});
export type PipelineCase = z.infer<typeof pipelineCaseSchema>;

export const caseDetailSchema = z.object({
  /** The versions of the parts read here (issue 19.4): an edit sends back the one it was read at. */
  versions: versionsSchema.optional(),
  case: pipelineCaseSchema.extend({
    receivingStreet: z.string().nullable(),
    resettledOn: z.string().nullable(),
    transferInstitution: z.string().nullable(),
    transferredOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    /** The rules' reason for the status, and the clause. */
    reason: z.string(),
    clause: z.literal('一(四)'),
  }),
  child: childProfileSchema,
  checklist: z.array(checklistRowSchema),
  assessments: z.array(caseAssessmentSchema),
  vocationalRehab: z.array(vocationalRehabRowSchema),
  tasks: z.array(taskRowSchema),
  visits: z.array(visitRowSchema),
  /** The child's live documents (for the evidence of the tasks). */
  documents: z.array(documentMetaSchema),
  officers: z.array(officerSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

// ——— inputs ———

export const pipelineQuerySchema = z.object({
  officerId: idSchema.nullish(),
  district: receivingDistrictSchema.nullish(),
  stage: caseStageSchema.nullish(),
});

export const assignOfficerSchema = z.object({ ...caseIdField, officerId: idSchema.nullable() });

export const checklistUpdateSchema = z.object({
  ...caseIdField,
  id: idSchema,
  owner: optionalText(50),
  dueOn: isoDate.nullish(),
  status: itemStatusSchema,
  note: optionalText(500, MULTILINE),
});
export type ChecklistUpdateInput = z.input<typeof checklistUpdateSchema>;

export const caseAssessmentAddSchema = z.object({
  ...caseIdField,
  assessedOn: isoDate,
  round: z.union([z.literal(1), z.literal(2)], { message: '评估轮次须为1或2' }),
  panel: z.array(safeText().trim().min(1, '请填写评估小组成员').max(50, '最多50个字')).min(1, '请填写评估小组成员').max(12, '最多12人'),
  scores: z.array(
    z.object({
      domain: safeText().min(1),
      score: z.number({ message: '请填写评分' }).int('评分须为整数').min(0, '评分不能为负'),
      evidence: optionalText(500, MULTILINE),
    }),
  ),
  result: z.enum(ASSESSMENT_RESULTS, { message: '请选择评估结论' }),
  reasons: requiredText(1000, '请写明评估结论的理由', MULTILINE),
  /** Why the conclusion goes against the rubric's threshold for the weighted score (required then). */
  thresholdReason: optionalText(500, MULTILINE),
});
export type CaseAssessmentAddInput = z.input<typeof caseAssessmentAddSchema>;

export const decideSchema = z.discriminatedUnion('approve', [
  z.object({ ...caseIdField, assessmentId: idSchema, approve: z.literal(true), expectedVersion: expectedVersionField }),
  z.object({ ...caseIdField, assessmentId: idSchema, approve: z.literal(false), reason: requiredText(200, '退回时请写明原因', MULTILINE), expectedVersion: expectedVersionField }),
]);
export type DecideInput = z.input<typeof decideSchema>;

const taskPlanSchema = z.object({
  task: z.enum(REINTEGRATION_TASKS),
  contact: optionalText(100),
  dueOn: isoDate.nullish(),
});

export const resettleSchema = z.object({
  ...caseIdField,
  receivingDistrict: receivingDistrictSchema,
  receivingStreet: requiredText(50, '请填写接收街道（乡镇）'),
  resettledOn: isoDate,
  tasks: z.array(taskPlanSchema).max(4),
});
export type ResettleInput = z.input<typeof resettleSchema>;

export const taskUpdateSchema = z.object({
  ...caseIdField,
  id: idSchema,
  contact: optionalText(100),
  dueOn: isoDate.nullish(),
  status: itemStatusSchema,
  evidenceDocumentIds: z.array(idSchema).max(20),
  note: optionalText(500, MULTILINE),
});
export type TaskUpdateInput = z.input<typeof taskUpdateSchema>;

export const visitAddSchema = z.object({
  ...caseIdField,
  visitedOn: isoDate,
  visitor: requiredText(50, '请填写回访人'),
  notes: requiredText(2000, '请填写回访情况', MULTILINE),
});
export type VisitAddInput = z.input<typeof visitAddSchema>;

export const transferSchema = z.object({
  ...caseIdField,
  institution: requiredText(100, '请填写接收的社会福利机构'),
  transferredOn: isoDate,
});
export type TransferInput = z.input<typeof transferSchema>;

export const rehabStartSchema = z.object({
  ...caseIdField,
  programme: requiredText(100, '请填写职业康复项目'),
  provider: optionalText(100),
  from: isoDate,
  plannedEnd: isoDate.nullish(),
});
export type RehabStartInput = z.input<typeof rehabStartSchema>;

export const rehabCompleteSchema = z.object({
  ...caseIdField,
  id: idSchema,
  completedOn: isoDate,
  outcome: requiredText(500, '请填写职业康复的结果', MULTILINE),
});
export type RehabCompleteInput = z.input<typeof rehabCompleteSchema>;

/** The rehabilitation file in brief (二(七)) for another document: the plan in force, sessions, the GAS T-score, the latest measures. */
export const rehabSummarySchema = z.object({
  plan: z
    .object({ version: z.number().int(), startsOn: z.string(), reviewOn: z.string(), goals: z.array(z.object({ title: z.string(), baseline: z.number().int(), latest: z.number().int().nullable() })) })
    .nullable(),
  sessions: z.object({ attended: z.number().int(), missed: z.number().int(), minutes: z.number().int(), first: z.string().nullable(), last: z.string().nullable() }),
  tScore: z.number().nullable(),
  measures: z.array(z.object({ instrument: z.string(), administeredOn: z.string(), field: z.string(), value: z.number().nullable(), reading: z.string().nullable() })),
});

export const reintegrationChannels = {
  /** Opens the cases that are due (idempotent), then lists every case by stage, with what is missing and overdue. */
  'reintegration:pipeline': channel({
    input: pipelineQuerySchema,
    output: z.object({ asOf: z.string(), cases: z.array(pipelineCaseSchema), officers: z.array(officerSchema) }),
    permission: 'reintegration.read',
    description: 'the reintegration pipeline',
  }),
  /** One case in full (audited as a read of the child's record). */
  'reintegration:get': channel({ input: z.object(caseIdField), output: caseDetailSchema, permission: 'reintegration.read', description: 'read a reintegration case' }),
  /** The live case of a child, if any (for the child page's link). */
  'reintegration:caseOfChild': channel({
    input: z.object({ childId: idSchema }),
    output: z.object({ caseId: z.number().int().nullable(), stage: caseStageSchema.nullable() }),
    permission: 'reintegration.read',
    description: 'find the case of a child',
  }),
  'reintegration:assignOfficer': channel({ input: versioned(assignOfficerSchema), output: z.null(), permission: 'reintegration.write', description: 'assign the placement officer' }),
  'reintegration:updateChecklist': channel({ input: versioned(checklistUpdateSchema), output: checklistRowSchema, permission: 'reintegration.write', description: 'update a checklist item' }),
  /** Records a comprehensive assessment with its scores and the panel's conclusion (no effect until approved). */
  'reintegration:addAssessment': channel({ input: caseAssessmentAddSchema, output: caseAssessmentSchema, permission: 'reintegration.write', description: 'record a comprehensive assessment' }),
  /** A supervisor approves the decision (it takes effect) or returns it with a reason (it is voided). */
  'reintegration:decide': channel({ input: decideSchema, output: z.null(), permission: 'reintegration.approve', description: 'approve or return an assessment decision' }),
  'reintegration:resettle': channel({ input: versioned(resettleSchema), output: z.array(taskRowSchema), permission: 'reintegration.write', description: 'start resettlement' }),
  'reintegration:updateTask': channel({ input: versioned(taskUpdateSchema), output: taskRowSchema, permission: 'reintegration.write', description: 'update a handover task' }),
  'reintegration:addVisit': channel({ input: visitAddSchema, output: visitRowSchema, permission: 'reintegration.write', description: 'record a follow-up visit' }),
  'reintegration:transfer': channel({ input: versioned(transferSchema), output: z.null(), permission: 'reintegration.write', description: 'record the transfer' }),
  'reintegration:startRehab': channel({ input: rehabStartSchema, output: vocationalRehabRowSchema, permission: 'reintegration.write', description: 'start vocational rehabilitation' }),
  'reintegration:completeRehab': channel({ input: versioned(rehabCompleteSchema), output: vocationalRehabRowSchema, permission: 'reintegration.write', description: 'complete vocational rehabilitation' }),
  /**
   * Exports the dossier print view the person is looking at as a PDF (audited as a print). In Electron
   * the window's page is rendered with printToPDF and saved where the person chooses (`savedTo`, null
   * when cancelled); the browser host cannot, says so (`supported: false`) and the page prints itself.
   */
  'reintegration:exportDossier': channel({
    input: z.object(caseIdField),
    output: z.object({ supported: z.boolean(), savedTo: z.string().nullable() }),
    permission: 'reintegration.read',
    description: 'export the dossier as a PDF',
  }),
  /** The dossier for the receiving district or institution (the print view reads it; printing is audited separately). */
  'reintegration:dossier': channel({
    input: z.object(caseIdField),
    output: z.object({
      detail: caseDetailSchema,
      institutionName: z.string().nullable(),
      placements: z.array(z.object({ kind: z.string(), from: z.string(), to: z.string().nullable(), place: z.string().nullable() })),
      education: z.array(z.object({ stage: z.string(), enrolmentDate: z.string(), actualCompletion: z.string().nullable(), school: z.string().nullable(), outcome: z.string().nullable() })),
      disabilities: z.array(z.object({ category: z.string(), grade: z.number().int().nullable(), from: z.string() })),
      statusReason: z.string(),
      /** The rehabilitation file in brief (二(七)): the plan in force, sessions, the GAS T-score, the latest measures. */
      rehabilitation: rehabSummarySchema,
    }),
    permission: 'reintegration.read',
    description: 'the reintegration dossier',
  }),
};
