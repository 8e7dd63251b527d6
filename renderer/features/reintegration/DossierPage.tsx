import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ChannelOutput } from '../../../shared/contract';
import { POLICY_DOCUMENT } from '../../../shared/domain/clauses';
import { toIsoDate } from '../../../shared/domain/dates';
import { gasLabel } from '../rehab/rehab-format';
import { DISABILITY_CATEGORY_LABELS_ZH } from '../../../shared/domain/disability-certificate';
import { districtName } from '../../../shared/domain/districts';
import { CASE_STAGE_LABELS_ZH, CHECKLIST_ITEM_LABELS_ZH, ITEM_STATUS_LABELS_ZH, TASK_LABELS_ZH, TASK_OWNER, rubricByVersion } from '../../../shared/domain/reintegration';
import { EDUCATION_STAGE_LABELS_ZH, PLACEMENT_LABELS_ZH, REINTEGRATION_STATUS_LABELS_ZH } from '../../../shared/domain/rules-types';
import { call } from '../../api/client';
import { notifications } from '@mantine/notifications';
import { useI18n } from '../../i18n';
import { reintegrationZh as zh } from '../../i18n/parts/reintegration';
import classes from '../../components/PrintDoc.module.css';
import { PrintIdentity, PrintPageFrame, PrintSignatures, documentNumber } from '../../components/PrintFrame';
import draftClasses from '../../components/DraftMark.module.css';

type Dossier = ChannelOutput<'reintegration:dossier'>;
const SEX_ZH: Record<string, string> = { male: '男', female: '女' };
const label = <K extends string>(map: Readonly<Record<K, string>>, key: string): string => (map as Record<string, string>)[key] ?? key;

/**
 * The dossier for the receiving district or institution, always in Chinese: identity, care history,
 * education, health and rehabilitation, the assessments with scores, the decision with its clause and
 * approval, and the handover tasks. Printed (or saved as PDF) from this view; the print is audited.
 */
export function DossierPage() {
  const { t, locale } = useI18n();
  const caseId = Number(useParams().caseId);
  const [data, setData] = useState<Dossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    call('reintegration:dossier', { caseId })
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [caseId]);
  /** Audited by the service; Electron saves the PDF itself, the browser host opens the print dialog (save as PDF there). */
  const exportPdf = async () => {
    setExporting(true);
    try {
      const result = await call('reintegration:exportDossier', { caseId });
      if (!result.supported) window.print();
      else if (result.savedTo) notifications.show({ color: 'teal', message: t('reintegration.dossier.saved', { path: result.savedTo }) });
    } catch (e) {
      notifications.show({ color: 'red', message: (e as Error).message });
    } finally {
      setExporting(false);
    }
  };
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return <Loader />;
  const { detail } = data;
  const c = detail.case;
  const child = detail.child;
  const assessments = detail.assessments.filter((a) => a.voidedAt === null);
  const today = toIsoDate(new Date());
  const docNumber = documentNumber('回归', today.slice(0, 4), c.id);
  const deciding = [...assessments].filter((a) => a.approvedAt !== null).sort((a, b) => b.round - a.round || b.assessedOn.localeCompare(a.assessedOn))[0];
  const pendingAssessment = assessments.find((a) => a.approvedAt === null);
  // Until a supervisor has approved the decision, what prints is a draft (on every page).
  const isDraft = deciding === undefined || pendingAssessment !== undefined;

  return (
    <Stack gap="md">
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to={`/reintegration/${caseId}`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('reintegration.dossier.back')}
          </Group>
        </Anchor>
        {locale === 'en' && (
          <Text size="sm" c="dimmed">
            {t('read.chineseDocumentNote')}
          </Text>
        )}
        <Button leftSection={<IconPrinter size={16} />} loading={exporting} onClick={() => void exportPdf()}>
          {t('reintegration.dossier.print')}
        </Button>
      </Group>
      <article className={classes.doc} data-testid="dossier" data-draft={isDraft || undefined} lang="zh-CN">
        {isDraft && (
          <>
            <div className={draftClasses.banner} data-testid="dossier-draft">
              草稿：{pendingAssessment ? '综合评估结论尚待主管审批' : '尚无经主管审批的综合评估结论'}，本档案不作为正式文书
            </div>
            <div className={draftClasses.mark} aria-hidden>
              草稿
            </div>
            <div className={draftClasses.watermark} aria-hidden>
              草稿
            </div>
          </>
        )}
        <PrintPageFrame name={child.name} idNumber={child.idNumber} docNumber={docNumber} />
        <h1>
          {zh.title}档案
        </h1>
        <div className={classes.meta}>
          {data.institutionName ?? ''} · 文书编号：{docNumber} · {zh.dossier.printedOn}：{today} · 个案阶段：{CASE_STAGE_LABELS_ZH[c.stage]}
        </div>

        <h2>{zh.dossier.identity}</h2>
        <table>
          <tbody>
            <tr>
              <th>{zh.dossier.name}</th>
              <td>{child.name}</td>
              <th>{zh.dossier.sex}</th>
              <td>{SEX_ZH[child.sex] ?? child.sex}</td>
            </tr>
            <tr>
              <th>{zh.dossier.birthDate}</th>
              <td>{child.birthDate}</td>
              <th>{zh.dossier.idNumber}</th>
              <td>{child.idNumber ?? zh.dossier.none}</td>
            </tr>
            <tr>
              <th>{zh.dossier.hukou}</th>
              <td>{child.hukouKind === 'shanghai' ? `上海市${districtName(child.hukouDistrictCode ?? '') ?? ''}${child.hukouStreet ?? ''}` : child.hukouKind === null ? zh.dossier.none : '外省市'}</td>
              <th>{zh.dossier.admission}</th>
              <td>{child.admissionDate ?? zh.dossier.none}</td>
            </tr>
          </tbody>
        </table>
        <PrintIdentity childId={c.childId} day={today} />

        <h2>{zh.dossier.care}</h2>
        <table>
          <thead>
            <tr>
              <th>安置方式</th>
              <th>地点</th>
              <th>期间</th>
            </tr>
          </thead>
          <tbody>
            {data.placements.map((p) => (
              <tr key={`${p.kind}-${p.from}`}>
                <td>{label(PLACEMENT_LABELS_ZH, p.kind)}</td>
                <td>{p.place ?? ''}</td>
                <td>
                  {p.from} 至 {p.to ?? '今'}
                </td>
              </tr>
            ))}
            {data.placements.length === 0 && (
              <tr>
                <td colSpan={3}>{zh.dossier.none}</td>
              </tr>
            )}
          </tbody>
        </table>

        <h2>{zh.dossier.education}</h2>
        <table>
          <thead>
            <tr>
              <th>阶段</th>
              <th>学校</th>
              <th>入学</th>
              <th>完成</th>
            </tr>
          </thead>
          <tbody>
            {data.education.map((e) => (
              <tr key={`${e.stage}-${e.enrolmentDate}`}>
                <td>{label(EDUCATION_STAGE_LABELS_ZH, e.stage)}</td>
                <td>{e.school ?? ''}</td>
                <td>{e.enrolmentDate}</td>
                <td>{e.actualCompletion ? `${e.actualCompletion}${e.outcome === 'graduated' ? '（毕业）' : e.outcome === 'leftEarly' ? '（离校）' : ''}` : '在读'}</td>
              </tr>
            ))}
            {data.education.length === 0 && (
              <tr>
                <td colSpan={4}>{zh.dossier.none}</td>
              </tr>
            )}
          </tbody>
        </table>

        <h2>{zh.dossier.health}</h2>
        <p>
          残疾情况：
          {data.disabilities.length === 0 ? zh.dossier.none : data.disabilities.map((d) => `${label(DISABILITY_CATEGORY_LABELS_ZH, d.category)}${d.grade ? `${d.grade}级` : ''}（${d.from}起）`).join('；')}
        </p>
        <p>
          职业康复：
          {detail.vocationalRehab.filter((v) => v.voidedAt === null).length === 0
            ? zh.dossier.none
            : detail.vocationalRehab
                .filter((v) => v.voidedAt === null)
                .map((v) => `${v.programme ?? ''}${v.provider ? `（${v.provider}）` : ''} ${v.from} 至 ${v.completedOn ?? '进行中'}${v.outcome ? `，${v.outcome}` : ''}`)
                .join('；')}
        </p>

        <RehabSummaryLines rehab={data.rehabilitation} />

        <h2>{zh.dossier.assessments}</h2>
        {assessments.length === 0 && <p>{zh.dossier.none}</p>}
        {assessments.map((a) => {
          const rubric = a.rubricVersion ? rubricByVersion(a.rubricVersion) : null;
          return (
            <div key={a.id}>
              <p>
                <b>
                  {a.round === 1 ? '首次综合评估' : '二次综合评估'}（{a.assessedOn}）：{zh.results[a.result]}
                </b>
                {a.weightedScore !== null && `，加权得分 ${a.weightedScore}`}
                {a.panel && `；评估小组：${a.panel}`}
              </p>
              {a.scores.length > 0 && (
                <table>
                  <thead>
                    <tr>
                      <th>维度</th>
                      <th>权重</th>
                      <th>评分</th>
                      <th>依据</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.scores.map((s) => (
                      <tr key={s.domain}>
                        <td>{rubric?.domains.find((d) => d.code === s.domain)?.zh ?? s.domain}</td>
                        <td>{Math.round(s.weight * 100)}%</td>
                        <td>{s.score}</td>
                        <td>{s.evidence ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {a.reasons && <p>理由：{a.reasons}</p>}
              <p>{a.approvedAt ? zh.dossier.approvedBy.replace('{name}', a.approvedByName ?? '（随档案导入）').replace('{date}', a.approvedAt.slice(0, 10)) : zh.dossier.notApproved}</p>
            </div>
          );
        })}

        <h2>{zh.dossier.decision}</h2>
        <p>
          <b>{REINTEGRATION_STATUS_LABELS_ZH[c.status]}</b>：{data.statusReason}
        </p>
        {pendingAssessment && (
          <p data-testid="dossier-pending">
            另有{pendingAssessment.assessedOn}{pendingAssessment.round === 1 ? '首次' : '二次'}综合评估结论“{zh.results[pendingAssessment.result]}”（见第五部分）待主管审批，审批前不生效；上述状态依据已审批的事实。
          </p>
        )}
        <p>{zh.dossier.clause.replace('{clause}', c.clause)}（{POLICY_DOCUMENT.title}）</p>
        {deciding && <p>{zh.dossier.approvedBy.replace('{name}', deciding.approvedByName ?? '（随档案导入）').replace('{date}', (deciding.approvedAt ?? '').slice(0, 10))}</p>}

        {c.receivingDistrict !== null ? (
          <>
            <h2>{zh.dossier.handover}</h2>
            <p>
              接收安置：{districtName(c.receivingDistrict) ?? c.receivingDistrict}
              {c.receivingStreet ?? ''}，安置日期 {c.resettledOn ?? ''}
              {c.closedOn && `，已于 ${c.closedOn} 结案`}
            </p>
            <table>
              <thead>
                <tr>
                  <th>任务</th>
                  <th>负责方</th>
                  <th>联系人</th>
                  <th>到期日</th>
                  <th>状态</th>
                  <th>证明材料</th>
                </tr>
              </thead>
              <tbody>
                {detail.tasks
                  .filter((task) => task.voidedAt === null)
                  .map((task) => (
                    <tr key={task.id}>
                      <td>{TASK_LABELS_ZH[task.task]}</td>
                      <td>{TASK_OWNER[task.task] === 'district' ? '接收安置区政府' : '街道（乡镇）'}</td>
                      <td>{task.contact ?? ''}</td>
                      <td>{task.dueOn ?? ''}</td>
                      <td>
                        {ITEM_STATUS_LABELS_ZH[task.status]}
                        {task.doneOn ? `（${task.doneOn}）` : ''}
                        {task.status !== 'done' && task.dueOn !== null && task.dueOn < today && (
                          <span className={classes.overdue} data-testid="task-overdue">
                            （已逾期）
                          </span>
                        )}
                      </td>
                      <td>{task.evidenceDocumentIds.map((id) => detail.documents.find((d) => d.id === id)?.title ?? `#${id}`).join('、')}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </>
        ) : c.transferInstitution !== null ? (
          <>
            <h2>{zh.dossier.transfer}</h2>
            <p>
              转入{c.transferInstitution}，转入日期 {c.transferredOn ?? ''}
            </p>
          </>
        ) : (
          <>
            <h2>准备清单</h2>
            <table>
              <tbody>
                {detail.checklist.map((i) => (
                  <tr key={i.id}>
                    <td>{CHECKLIST_ITEM_LABELS_ZH[i.item]}</td>
                    <td>
                      {i.item === 'idCard' && i.status === 'done' && !child.idNumber
                        ? '待核对（档案中无身份证号）'
                        : i.status !== 'done' && c.eighteenthBirthday < toIsoDate(new Date())
                          ? `${ITEM_STATUS_LABELS_ZH[i.status]}（已逾期，应于满18周岁前完成）`
                          : ITEM_STATUS_LABELS_ZH[i.status]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <PrintSignatures signers={[{ role: '经办人（安置专员）', name: c.officer?.displayName }, { role: '审核人（主管）' }]} issuer={data.institutionName} />
      </article>
    </Stack>
  );
}

/** 四、健康与康复, continued: the rehabilitation file in brief (二(七)). */
export function RehabSummaryLines({ rehab }: { rehab: ChannelOutput<'reintegration:dossier'>['rehabilitation'] }) {
  const { plan, sessions, tScore, measures } = rehab;
  return (
    <>
      <p>
        康复计划：
        {plan
          ? `第${plan.version}版（${plan.startsOn}起，复评日期${plan.reviewOn}）；目标：${plan.goals.map((g) => `${g.title}（基线${gasLabel(g.baseline)}，最近${g.latest === null ? '未评分' : gasLabel(g.latest)}）`).join('；')}`
          : '无'}
      </p>
      <p>
        康复训练：
        {sessions.attended + sessions.missed === 0
          ? '无'
          : `${sessions.first} 至 ${sessions.last} 共${sessions.attended + sessions.missed}次（出勤${sessions.attended}次，缺席${sessions.missed}次），合计${sessions.minutes}分钟${tScore === null ? '' : `；目标达成（GAS）T分 ${tScore.toFixed(1)}`}`}
      </p>
      <p>
        评估量表：
        {measures.length === 0
          ? '无'
          : measures.map((m) => `${m.instrument} ${m.administeredOn} ${m.field} ${m.value ?? '—'}${m.reading ? `（${m.reading}）` : ''}`).join('；')}
      </p>
    </>
  );
}
