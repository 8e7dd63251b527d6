/**
 * Demo rehabilitation files (二(七)) for children with a disability or autism: the approved plan's goals
 * and trainings, a session on every scheduled weekday since the plan started (five a week for physical
 * therapy and autism training, three for the others: about a hundred in six months) whose GAS ratings
 * climb unevenly, a few absences, and the measures a therapist would have taken (GMFM-88 for physical
 * disability, CARS and ABC for autism). Deterministic for a seed; no staff accounts are invented
 * (sessions carry no therapist).
 */
import { rehabGoals, rehabInterventions, rehabMeasures, rehabSessionGoals, rehabSessions } from '../../db/schema';
import { addDays } from '../../shared/domain/dates';
import type { DisabilityCategory } from '../../shared/domain/disability-certificate';
import { GMFM88_DIMENSIONS, gmfm88Scores, interpretScore, isoWeekday } from '../../shared/domain/rehab';
import type { ServiceContext } from '../services/core/context';
import { pick } from './random';
import { cutoffsOn } from '../services/rehab/rehab-measures';
import type { RowInserter } from './row-inserter';

type GoalSeed = { title: string; icf: string; levels: [string, string, string, string, string] };

const GOALS: Record<'physical' | 'cognitive' | 'communication' | 'autism', GoalSeed[]> = {
  physical: [
    { title: '独立行走', icf: 'd450', levels: ['需双人扶持行走', '扶助行器行走5米', '独立行走10米', '独立行走20米并转身', '独立上下台阶'] },
    { title: '坐位平衡', icf: 'b755', levels: ['需支撑才能坐', '独坐10秒', '独坐1分钟', '坐位下伸手取物不倾倒', '坐位转身取物'] },
    { title: '双手抓握', icf: 'd440', levels: ['不能抓握', '抓握大物件', '拇食指捏取小物件', '捏取并放入容器', '串珠5颗'] },
  ],
  cognitive: [
    { title: '自己穿衣', icf: 'd540', levels: ['完全依赖', '配合穿衣', '提示下穿套头衫', '独立穿套头衫', '独立穿开衫并扣扣子'] },
    { title: '认识颜色', icf: 'd137', levels: ['不能辨认', '辨认1种颜色', '辨认3种颜色', '辨认5种颜色', '说出6种颜色名称'] },
    { title: '自己进食', icf: 'd550', levels: ['需喂食', '手抓进食', '用勺进食少量洒落', '用勺独立进食', '用筷子进食'] },
  ],
  communication: [
    { title: '表达需求', icf: 'd330', levels: ['无表达', '用手势表达', '说出单词', '说出双词短语', '说出完整句子'] },
    { title: '听指令', icf: 'd310', levels: ['无反应', '对名字有反应', '执行一步指令', '执行两步指令', '执行三步指令'] },
  ],
  autism: [
    { title: '眼神对视', icf: 'd710', levels: ['回避对视', '对视1秒', '对视3秒', '对话中自然对视', '主动用眼神引起注意'] },
    { title: '轮流游戏', icf: 'd880', levels: ['不参与', '在提示下参与1轮', '轮流3轮', '轮流5轮', '主动邀请同伴轮流'] },
    { title: '表达需求', icf: 'd330', levels: ['尖叫或哭闹', '拉大人的手', '用图片交换表达', '说出单词表达', '说出短句表达'] },
  ],
};

function goalPool(category: DisabilityCategory | null, autism: boolean): GoalSeed[] {
  if (autism) return GOALS.autism;
  if (category === 'physical' || category === 'multiple') return GOALS.physical;
  if (category === 'speech' || category === 'hearing') return GOALS.communication;
  return GOALS.cognitive;
}

/** The rehabilitation file behind one approved demo plan. */
export function seedDemoRehab(
  ctx: ServiceContext,
  insert: RowInserter,
  input: { childId: number; planId: number; startsOn: string; today: string; category: DisabilityCategory | null; autism: boolean; now: string },
  rand: () => number,
): void {
  const setLineage = ctx.sqlite.prepare('UPDATE rehab_goals SET lineage_id = id WHERE id = ?');
  const pool = goalPool(input.category, input.autism);
  const goals = pool.slice(0, 2 + Math.floor(rand() * (pool.length - 1))).map((seed, position) => {
    const baseline = rand() < 0.6 ? -1 : -2;
    const id = insert(rehabGoals, {
      planId: input.planId,
      childId: input.childId,
      position,
      title: seed.title,
      icfCode: seed.icf,
      levelMinus2: seed.levels[0],
      levelMinus1: seed.levels[1],
      level0: seed.levels[2],
      levelPlus1: seed.levels[3],
      levelPlus2: seed.levels[4],
      baseline,
      importance: 1 + Math.floor(rand() * 3),
      difficulty: 1 + Math.floor(rand() * 3),
      lineageId: null,
    });
    setLineage.run(id);
    return { id, baseline, pace: 0.05 + rand() * 0.08 };
  });
  const physical = input.category === 'physical' || input.category === 'multiple';
  const training = physical ? '运动功能训练（PT）' : input.autism ? '社交沟通训练（ABA/结构化教学）' : '认知与生活自理训练';
  // Daily on weekdays for physical therapy and autism training, Monday/Wednesday/Friday for the others.
  const weekdays = physical || input.autism ? '12345' : '135';
  insert(rehabInterventions, {
    planId: input.planId,
    kind: 'training',
    description: training,
    provider: '本院康复中心',
    startsOn: input.startsOn,
    frequency: `每周${weekdays.length}次，每次40分钟`,
    weekdays,
  });
  if (input.category === 'physical' && rand() < 0.5) {
    insert(rehabInterventions, { planId: input.planId, kind: 'assistiveDevice', description: pick(rand, ['踝足矫形器（AFO）配置', '助行器配置', '特制座椅配置']), provider: '市康复器具中心', startsOn: addDays(input.startsOn, 20) });
  }

  // A session on every scheduled weekday from the plan's start, about one in twelve missed; the goals
  // are rated at the first attended session of every other week, drifting upward unevenly.
  const level = new Map(goals.map((g) => [g.id, g.baseline as number]));
  let lastRatedWeek = -1;
  for (let day = addDays(input.startsOn, 1), n = 1; day <= input.today; day = addDays(day, 1), n += 1) {
    if (!weekdays.includes(String(isoWeekday(day)))) continue;
    const week = Math.floor(n / 7);
    const missed = rand() < 0.08;
    const sessionId = insert(rehabSessions, {
      childId: input.childId,
      createdAt: `${day}T08:30:00.000Z`,
      createdBy: null,
      planId: input.planId,
      therapistId: null,
      sessionOn: day,
      attended: !missed,
      minutes: missed ? null : 40,
      absenceReason: missed ? pick(rand, ['发热请假', '外出就医', '学校活动']) : null,
      note: missed ? null : pick(rand, ['配合良好', '情绪稳定，完成全部训练', '注意力维持较短，需多次提示', '进步明显']),
    });
    if (missed) continue;
    const rated = week % 2 === 1 && week !== lastRatedWeek;
    if (rated) lastRatedWeek = week;
    for (const g of goals) {
      if (rated) level.set(g.id, Math.min(2, Math.max(-2, Math.round(g.baseline + week * g.pace + (rand() - 0.5)))));
      insert(rehabSessionGoals, { sessionId, goalId: g.id, rating: rated ? level.get(g.id)! : null });
    }
  }

  // Measures at the start and every three months.
  for (let k = 0, on = input.startsOn; on <= input.today; k += 1, on = addDays(input.startsOn, 91 * k)) {
    if (input.category === 'physical' || input.category === 'multiple') {
      const items: (number | null)[] = [];
      GMFM88_DIMENSIONS.forEach((d, di) => {
        for (let i = 0; i < d.items; i += 1) items.push(Math.max(0, Math.min(3, Math.round(3 - di * 0.6 - i * 0.05 + k * 0.4 + (rand() - 0.5)))));
      });
      const r = gmfm88Scores(items);
      measure(ctx, insert, input, on, 'GMFM88', { ...r.dimensions, total: r.total }, items);
    } else if (input.autism) {
      measure(ctx, insert, input, on, 'CARS', { total: Math.max(18, 36 - k * 2.5 - Math.round(rand() * 4) / 2) }, null);
      measure(ctx, insert, input, on, 'ABC', { total: Math.max(12, 72 - k * 8 - Math.floor(rand() * 10)) }, null);
    }
  }
}

function measure(
  ctx: ServiceContext,
  insert: RowInserter,
  input: { childId: number; now: string },
  on: string,
  instrument: 'GMFM88' | 'CARS' | 'ABC',
  scores: Record<string, number>,
  items: (number | null)[] | null,
) {
  const cutoffs = cutoffsOn(ctx, instrument, on);
  const band = cutoffs ? interpretScore(cutoffs, scores[cutoffs.field]!) : null;
  insert(rehabMeasures, {
    childId: input.childId,
    createdAt: input.now,
    createdBy: null,
    instrument,
    administeredOn: on,
    assessor: '康复中心评估组',
    items: items ? JSON.stringify(items) : null,
    scores: JSON.stringify(scores),
    interpretation: band ? JSON.stringify({ label: band.label, level: band.level }) : null,
    configVersion: band ? cutoffs!.version : null,
  });
}
