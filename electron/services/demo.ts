import { makeIdNumber } from '../../shared/domain/id-number';
import { SHANGHAI_DISTRICTS } from '../../shared/domain/districts';
import { addMonths } from '../../shared/domain/dates';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { namePinyin } from './pinyin';

/** A small seeded PRNG (mulberry32): the same seed gives the same demo data everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '子涵梓轩浩宇欣怡一诺雨桐思远佳琪晨曦俊杰梦瑶天佑心怡嘉怡明轩雅婷宇航诗涵博文语嫣皓然可馨若曦泽宇安琪'.split('');

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

export type DemoChild = { name: string; sex: 'male' | 'female'; birthDate: string; idNumber: string | null; admissionDate: string };

/** The identities of `count` demo children, deterministic for a seed and a reference date. */
export function demoChildren(count: number, today: string, seed = 20260101): DemoChild[] {
  const rand = seededRandom(seed);
  const out: DemoChild[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const sex = rand() < 0.52 ? 'male' : 'female';
    const ageMonths = Math.floor(rand() * 19 * 12) + 1;
    const birthDate = addMonths(today, -ageMonths);
    const givenLength = rand() < 0.7 ? 2 : 1;
    let name = pick(rand, SURNAMES);
    for (let g = 0; g < givenLength; g += 1) name += pick(rand, GIVEN);
    const abandonedInfant = rand() < 0.12;
    let idNumber: string | null = null;
    if (!abandonedInfant) {
      const district = pick(rand, SHANGHAI_DISTRICTS).code;
      let seq = Math.floor(rand() * 998);
      do {
        idNumber = makeIdNumber(district, birthDate, seq, sex);
        seq = (seq + 2) % 998;
      } while (seen.has(idNumber));
      seen.add(idNumber);
    }
    const admissionDate = addMonths(birthDate, Math.floor(rand() * Math.max(1, ageMonths)));
    out.push({ name, sex, birthDate, idNumber, admissionDate: admissionDate > today ? today : admissionDate });
  }
  return out;
}

/** Loads the demo data set into an empty database, in one transaction. */
export function loadDemoData(ctx: ServiceContext, options: { children: number }): void {
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  const insert = ctx.sqlite.prepare(
    `INSERT INTO children (name, name_pinyin, name_initials, sex, birth_date, id_number, status, admission_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'inCare', ?, ?, ?)`,
  );
  ctx.sqlite.transaction(() => {
    for (const child of demoChildren(options.children, today)) {
      const { full, initials } = namePinyin(child.name);
      insert.run(child.name, full, initials, child.sex, child.birthDate, child.idNumber, child.admissionDate, now, now);
    }
    appendAudit(ctx, { action: 'demo.load', detail: { children: options.children } });
  })();
}
