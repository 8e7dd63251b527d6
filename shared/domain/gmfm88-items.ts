/**
 * GMFM-88 items in brief (zh-CN), in item order, so each box of the form says what it scores; and the
 * percentages of the dimensions whose items are all valid while others still hold a mistake.
 */
import { GMFM88_DIMENSIONS, type GmfmDimension } from './rehab';

export const GMFM88_ITEMS_ZH: readonly string[] = [
  // A 卧位与翻身 1–17
  '仰卧：头正中位，双手对称转头', '仰卧：双手合于中线，手指相触', '仰卧：抬头45°', '仰卧：右侧髋膝全范围屈曲', '仰卧：左侧髋膝全范围屈曲',
  '仰卧：右手越过中线触玩具', '仰卧：左手越过中线触玩具', '仰卧：向右翻身至俯卧', '仰卧：向左翻身至俯卧', '俯卧：抬头直立',
  '俯卧肘撑：抬头，肘伸直，胸离地', '俯卧肘撑：右肘支撑，左臂前伸', '俯卧肘撑：左肘支撑，右臂前伸', '俯卧：向右翻身至仰卧', '俯卧：向左翻身至仰卧',
  '俯卧：用四肢向右转体90°', '俯卧：用四肢向左转体90°',
  // B 坐位 18–37
  '仰卧拉坐：头部控制', '仰卧：向右翻身坐起', '仰卧：向左翻身坐起', '坐（胸部扶持）：头直立3秒', '坐（胸部扶持）：头正中直立10秒',
  '坐（手臂支撑）：保持5秒', '坐：双臂离开保持3秒', '坐：前倾触玩具后坐直', '坐：触右后方45°玩具后回原位', '坐：触左后方45°玩具后回原位',
  '右侧坐：双臂离开保持5秒', '左侧坐：双臂离开保持5秒', '坐：有控制地降至俯卧', '坐（足向前）：向右转成四点跪', '坐（足向前）：向左转成四点跪',
  '坐：不用手转体90°', '坐小凳：双臂双足离开保持10秒', '站：坐到小凳上', '从地面坐到小凳上', '从地面坐到大凳上',
  // C 爬与跪 38–51
  '俯卧：向前腹爬1.8米', '四点跪：手膝支撑保持10秒', '四点跪：转成坐位，双手离开', '俯卧：转成四点跪', '四点跪：右臂前伸高于肩',
  '四点跪：左臂前伸高于肩', '四点爬或蛙跳向前1.8米', '交替四点爬向前1.8米', '手膝爬上4级台阶', '手膝向后爬下4级台阶',
  '坐：借手成高跪，双臂离开保持10秒', '高跪：借手成右膝半跪，双臂离开10秒', '高跪：借手成左膝半跪，双臂离开10秒', '高跪：双膝向前走10步，双臂离开',
  // D 站立 52–64
  '从地面扶大凳站起', '站：双臂离开保持3秒', '站：单手扶大凳，抬右足3秒', '站：单手扶大凳，抬左足3秒', '站：双臂离开保持20秒',
  '站：双臂离开，抬左足10秒', '站：双臂离开，抬右足10秒', '坐小凳：不用手站起', '高跪：经右膝半跪站起，不用手', '高跪：经左膝半跪站起，不用手',
  '站：有控制地坐到地面，双臂离开', '站：蹲下，双臂离开', '站：从地面拾物后站起',
  // E 走、跑与跳 65–88
  '双手扶大凳：向右侧行5步', '双手扶大凳：向左侧行5步', '双手被扶：向前走10步', '单手被扶：向前走10步', '独立向前走10步',
  '向前走10步，停下，转身180°走回', '向后走10步', '双手持大物向前走10步', '在20厘米宽平行线间走10步', '在2厘米宽直线上走10步',
  '右足领先跨过膝高横杆', '左足领先跨过膝高横杆', '跑4.5米，停下，跑回', '右足踢球', '左足踢球',
  '双足同时向上跳30厘米', '双足同时向前跳30厘米', '右足单立：60厘米圈内单足跳10次', '左足单立：60厘米圈内单足跳10次', '扶一侧扶手交替上4级台阶',
  '扶一侧扶手交替下4级台阶', '不扶交替上4级台阶', '不扶交替下4级台阶', '从15厘米台阶双足跳下',
];

/** An item's score is valid when empty (not tested) or an integer 0–3. */
const valid = (v: number | null) => v === null || (Number.isInteger(v) && v >= 0 && v <= 3);

/**
 * The percentage of each dimension whose items are all valid (null for one holding an invalid item),
 * the total when every dimension has one, and the item numbers (1-based) that are invalid.
 */
export function gmfm88Partial(items: readonly (number | null)[]): { dimensions: Record<GmfmDimension, number | null>; total: number | null; invalid: number[] } {
  const dimensions = {} as Record<GmfmDimension, number | null>;
  const invalid: number[] = [];
  const raw: number[] = [];
  let index = 0;
  for (const d of GMFM88_DIMENSIONS) {
    let sum = 0;
    let ok = true;
    for (let i = 0; i < d.items; i += 1, index += 1) {
      const v = items[index] ?? null;
      if (!valid(v)) {
        ok = false;
        invalid.push(index + 1);
      } else sum += v ?? 0;
    }
    const pct = (sum / (3 * d.items)) * 100;
    dimensions[d.key] = ok ? Math.round(pct * 10) / 10 : null;
    if (ok) raw.push(pct);
  }
  const total = raw.length === GMFM88_DIMENSIONS.length ? Math.round((raw.reduce((a, b) => a + b, 0) / raw.length) * 10) / 10 : null;
  return { dimensions, total, invalid };
}
