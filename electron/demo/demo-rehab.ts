/**
 * Demo rehabilitation files (二(七)) for children with a disability or autism: the approved plan's goals
 * and trainings, a session on every scheduled weekday since the plan started (five a week for physical
 * therapy and autism training, three for the others: about a hundred in six months) whose GAS ratings
 * climb unevenly, a few absences, and the measures a therapist would have taken (GMFM-88 for physical
 * disability, CARS and ABC for autism). The goals fit the child's age at the plan's start; the sessions
 * are signed by the child's therapist (one of the demo's therapist accounts). Deterministic for a seed.
 */
import { rehabGoals, rehabInterventions, rehabMeasures, rehabSessionGoals, rehabSessions } from '../../db/schema';
import { addDays, ageOn } from '../../shared/domain/dates';
import type { DisabilityCategory } from '../../shared/domain/disability-certificate';
import { GMFM88_DIMENSIONS, gmfm88Scores, interpretScore, isoWeekday } from '../../shared/domain/rehab';
import type { ServiceContext } from '../services/core/context';
import { pick } from './random';
import { cutoffsOn } from '../services/rehab/rehab-measures';
import type { RowInserter } from './row-inserter';

type GoalSeed = { title: string; icf: string; levels: [string, string, string, string, string] };

type Pool = 'physical' | 'cognitive' | 'communication' | 'autism';
/** The age bands the goals are written for: under 7, 7 to 12, 13 and over (at the plan's start). */
export type GoalBand = 'young' | 'school' | 'adolescent';

export function goalBand(age: number): GoalBand {
  return age < 7 ? 'young' : age < 13 ? 'school' : 'adolescent';
}

/** Goals by pool and age band: a 17-year-old works on getting about town and a job, not on naming colours. */
export const DEMO_GOALS: Record<Pool, Record<GoalBand, GoalSeed[]>> = {
  physical: {
    young: [
      { title: '独立行走', icf: 'd450', levels: ['需双人扶持行走', '扶助行器行走5米', '独立行走10米', '独立行走20米并转身', '独立上下台阶'] },
      { title: '坐位平衡', icf: 'b755', levels: ['需支撑才能坐', '独坐10秒', '独坐1分钟', '坐位下伸手取物不倾倒', '坐位转身取物'] },
      { title: '双手抓握', icf: 'd440', levels: ['不能抓握', '抓握大物件', '拇食指捏取小物件', '捏取并放入容器', '串珠5颗'] },
    ],
    school: [
      { title: '上下楼梯', icf: 'd4551', levels: ['需他人抱上下', '扶扶手双足一阶上楼', '扶扶手交替上楼', '不扶扶手交替上下一层', '背书包上下三层'] },
      { title: '握笔书写', icf: 'd170', levels: ['不能握笔', '全手握笔涂画', '三指握笔描线', '书写自己的名字', '抄写一行字不出格'] },
      { title: '校园内独立移动', icf: 'd460', levels: ['需轮椅他人推行', '自驱轮椅或扶助行器在教室内移动', '在教学楼同层移动', '往返教室与食堂', '课间独立往返操场'] },
    ],
    adolescent: [
      { title: '社区内独立出行', icf: 'd460', levels: ['需陪同出行', '陪同下步行至小区门口', '独立往返小区超市', '独立往返500米外的社区中心', '独立步行并过马路往返工作站'] },
      { title: '乘坐公共交通', icf: 'd470', levels: ['不能上下公交车', '在协助下上下公交车', '独立上下公交车', '独立乘坐熟悉线路2站', '独立换乘往返职训地点'] },
      { title: '工作姿势耐力', icf: 'd415', levels: ['坐姿作业不足5分钟', '坐姿作业10分钟', '坐姿作业20分钟', '坐姿作业40分钟', '坐站交替完成一个上午的工作'] },
    ],
  },
  cognitive: {
    young: [
      { title: '自己穿衣', icf: 'd540', levels: ['完全依赖', '配合穿衣', '提示下穿套头衫', '独立穿套头衫', '独立穿开衫并扣扣子'] },
      { title: '认识颜色', icf: 'd137', levels: ['不能辨认', '辨认1种颜色', '辨认3种颜色', '辨认5种颜色', '说出6种颜色名称'] },
      { title: '自己进食', icf: 'd550', levels: ['需喂食', '手抓进食', '用勺进食少量洒落', '用勺独立进食', '用筷子进食'] },
    ],
    school: [
      { title: '认识钟表', icf: 'd163', levels: ['不认识钟表', '认识整点', '认识半点', '认识到5分钟', '按时钟说出还有多久下课'] },
      { title: '认识钱币', icf: 'd172', levels: ['不认识钱币', '辨认1元与10元', '辨认全部纸币硬币', '10元以内付款', '10元以内付款并核对找零'] },
      { title: '整理个人物品', icf: 'd650', levels: ['完全依赖', '提示下放好书包', '按图示整理书包', '独立整理书包与衣柜', '独立整理并保持一周'] },
    ],
    adolescent: [
      { title: '购物与付款', icf: 'd620', levels: ['不能独立购物', '陪同下按清单取物', '独立按清单购买3件', '用手机支付并核对金额', '按50元预算独立采购一周早餐'] },
      { title: '安排一天的日程', icf: 'd230', levels: ['依赖他人安排', '提示下按图示日程表活动', '按文字日程表活动半天', '按日程表独立安排一天', '遇到变动能自行调整日程'] },
      { title: '简单烹饪', icf: 'd630', levels: ['不能使用厨具', '在协助下加热饭菜', '独立用微波炉加热饭菜', '独立煮面条', '独立做一菜一汤'] },
    ],
  },
  communication: {
    young: [
      { title: '表达需求', icf: 'd330', levels: ['无表达', '用手势表达', '说出单词', '说出双词短语', '说出完整句子'] },
      { title: '听指令', icf: 'd310', levels: ['无反应', '对名字有反应', '执行一步指令', '执行两步指令', '执行三步指令'] },
    ],
    school: [
      { title: '讲述一件事', icf: 'd350', levels: ['不能讲述', '提示下说出一个片段', '按图片顺序讲述', '独立讲述当天发生的一件事', '讲述时能回答他人追问'] },
      { title: '课堂问答', icf: 'd310', levels: ['不回应提问', '用手势回应', '用单词回答', '用完整句子回答', '主动举手提问'] },
    ],
    adolescent: [
      { title: '电话沟通', icf: 'd360', levels: ['不会接打电话', '接听熟人电话', '拨打熟人电话并说明事由', '电话预约社区服务', '电话向用人单位请假并说明原因'] },
      { title: '求职面谈表达', icf: 'd350', levels: ['不能回答问题', '回答姓名年龄', '介绍自己的技能', '模拟面谈中回答5个问题', '真实面谈中完整介绍自己'] },
    ],
  },
  autism: {
    young: [
      { title: '眼神对视', icf: 'd710', levels: ['回避对视', '对视1秒', '对视3秒', '对话中自然对视', '主动用眼神引起注意'] },
      { title: '轮流游戏', icf: 'd880', levels: ['不参与', '在提示下参与1轮', '轮流3轮', '轮流5轮', '主动邀请同伴轮流'] },
      { title: '表达需求', icf: 'd330', levels: ['尖叫或哭闹', '拉大人的手', '用图片交换表达', '说出单词表达', '说出短句表达'] },
    ],
    school: [
      { title: '遵守课堂常规', icf: 'd820', levels: ['不能留在座位', '提示下坐5分钟', '坐满半节课', '坐满一节课并跟随指令', '整天按课表参与课堂'] },
      { title: '情绪调节', icf: 'd250', levels: ['每天多次情绪爆发', '在安抚下平静', '用情绪卡表达不适', '主动要求去安静角', '用语言说出情绪并自行平复'] },
      { title: '与同伴合作', icf: 'd7504', levels: ['回避同伴', '与同伴并排活动', '在提示下与同伴合作', '与同伴完成小组任务', '主动邀请同伴合作'] },
    ],
    adolescent: [
      { title: '职场社交礼仪', icf: 'd740', levels: ['不与同事打招呼', '提示下打招呼', '主动打招呼', '向主管请教问题', '与同事完成交接并道谢'] },
      { title: '应对日程变化', icf: 'd230', levels: ['变化时情绪崩溃', '提前告知后能接受', '用日程表应对变化', '临时变化时自行调整', '主动询问并安排替代活动'] },
      { title: '公共场所独立活动', icf: 'd910', levels: ['不能进入公共场所', '陪同下停留10分钟', '陪同下完成购物', '独立在超市完成购物', '独立往返社区图书馆借书'] },
    ],
  },
};

function goalPool(category: DisabilityCategory | null, autism: boolean, band: GoalBand): GoalSeed[] {
  if (autism) return DEMO_GOALS.autism[band];
  if (category === 'physical' || category === 'multiple') return DEMO_GOALS.physical[band];
  if (category === 'speech' || category === 'hearing') return DEMO_GOALS.communication[band];
  return DEMO_GOALS.cognitive[band];
}

/** The rehabilitation file behind one approved demo plan. */
export function seedDemoRehab(
  ctx: ServiceContext,
  insert: RowInserter,
  input: { childId: number; planId: number; therapistId: number | null; birthDate: string; startsOn: string; today: string; category: DisabilityCategory | null; autism: boolean; now: string },
  rand: () => number,
): void {
  const setLineage = ctx.sqlite.prepare('UPDATE rehab_goals SET lineage_id = id WHERE id = ?');
  const pool = goalPool(input.category, input.autism, goalBand(ageOn(input.birthDate, input.startsOn)));
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
    therapistId: input.therapistId,
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
      createdBy: input.therapistId,
      planId: input.planId,
      therapistId: input.therapistId,
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
