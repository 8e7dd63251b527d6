/**
 * The rehabilitation pages for `scripts/screenshots.ts`: a therapist and a supervisor are added, the
 * therapist revises three demo plans naming themselves, the supervisor approves two (one stays pending),
 * then each page is taken as the person who uses it.
 */
import type { Page } from '@playwright/test';
import type { PlanView, RehabChild } from '../shared/contract/rehab';
import { toIsoDate } from '../shared/domain/dates';
import { ADMIN, StartPages } from '../tests/e2e/pages/app-pages';
import { type Account, createAccount, signInAgain, signInAs } from '../tests/e2e/support/accounts';
import { versionIn } from '../shared/contract/versions';
import { invoke } from '../tests/e2e/support/api';

const THERAPIST: Account = { displayName: '孙康复', username: 'sun.pt', roles: ['therapist'] };
const SUPERVISOR: Account = { displayName: '赵主管', username: 'zhao.sv', roles: ['supervisor'] };

function revision(childId: number, plan: PlanView, therapistId: number, today: string) {
  return {
    childId,
    revisesPlanId: plan.id,
    startsOn: today,
    reviewOn: plan.reviewOn > today ? plan.reviewOn : toIsoDate(new Date(Date.now() + 90 * 86_400_000)),
    summary: plan.summary,
    therapistIds: [therapistId],
    goals: plan.goals.map((g) => ({ continuesGoalId: g.id, title: g.title, icfCode: g.icfCode, levels: g.levels, baseline: g.baseline, importance: g.importance, difficulty: g.difficulty })),
    interventions: plan.interventions.map((i) => ({ ...i, therapistId: null, startsOn: today, weekdays: i.kind === 'training' ? [1, 2, 3, 4, 5, 6, 7] : [] })),
  };
}

/** Closes the open form dialog, discarding what the shot typed into it (the dialog asks first). */
async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  const ask = page.getByRole('alertdialog', { name: '放弃未保存的内容？' });
  if (await ask.isVisible().catch(() => false)) await ask.getByRole('button', { name: '放弃更改' }).click();
  await page.getByRole('dialog').last().waitFor({ state: 'hidden' }).catch(() => undefined);
}

export async function rehabShots(page: Page, url: string, shot: (name: string, fullPage?: boolean) => Promise<void>): Promise<void> {
  // Whoever the earlier shots left signed in, the administrator adds the two accounts.
  await page.getByRole('button', { name: '当前用户' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await new StartPages(page).login(ADMIN.username, ADMIN.password);
  await page.getByRole('button', { name: '当前用户' }).filter({ hasText: ADMIN.name }).waitFor();
  const therapistId = await createAccount(page, THERAPIST);
  await createAccount(page, SUPERVISOR);
  const withPlans: number[] = [];
  for (let id = 1; id <= 200 && withPlans.length < 3; id += 1) {
    const file = await invoke<RehabChild>(page, 'rehab:child', { childId: id }).catch(() => null);
    if (file && file.plans.length > 0) withPlans.push(id);
  }
  const today = toIsoDate(new Date());
  await signInAs(page, THERAPIST);
  for (const id of withPlans) {
    const file = await invoke<RehabChild>(page, 'rehab:child', { childId: id });
    await invoke(page, 'rehab:savePlan', { ...revision(id, file.plans[0]!, therapistId, today), expectedVersion: versionIn(file.versions, 'rehabPlan', file.plans[0]!.id) });
  }
  await signInAs(page, SUPERVISOR);
  await page.goto(`${url}#/rehabilitation/approvals`);
  await shot('rehab-01-approvals');
  for (const id of withPlans.slice(0, 2)) {
    const file = await invoke<RehabChild>(page, 'rehab:child', { childId: id });
    await invoke(page, 'rehab:decidePlan', { planId: file.pendingPlanId, decision: 'approve', expectedVersion: versionIn(file.versions, 'rehabPlan', file.pendingPlanId!) });
  }
  await page.goto(`${url}#/children/${withPlans[2]}/rehab`);
  await shot('rehab-02-pending-revision');
  await signInAgain(page, THERAPIST);
  await page.goto(`${url}#/rehabilitation/today`);
  await shot('rehab-03-today');
  await page.goto(`${url}#/children/${withPlans[0]}/rehab`);
  await shot('rehab-04-plan');
  await shot('rehab-05-plan-progress-full', true);
  await page.getByRole('button', { name: '记录训练' }).click();
  await page.getByRole('dialog').getByLabel('时长（分钟）').fill('40');
  await shot('rehab-06-session-form');
  await closeDialog(page);
  await page.getByRole('button', { name: '录入评估' }).click();
  await shot('rehab-07-gmfm-form');
  await closeDialog(page);
  await page.goto(`${url}#/children/${withPlans[2]}/rehab`);
  await page.getByRole('button', { name: '修改待审批版本' }).click();
  await shot('rehab-08-plan-form');
  await closeDialog(page);
  await page.goto(`${url}#/rehabilitation/cutoffs`);
  await shot('rehab-09-cutoffs');
}
