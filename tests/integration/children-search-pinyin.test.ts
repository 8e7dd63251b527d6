/**
 * Searching children by pinyin through 'children:list' (issue 18, item 14), with real children 𠮷田,
 * 秘小明, 单晓明 and 吕佳: each is found by every form staff type (spaces, tone marks, capitals, initials,
 * ü as ü / v / u: / u), and nobody else is. Rows stored by the earlier pinyin (𠮷 dropped, 秘 as mi) are
 * recomputed once when the database is next opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { NAME_PINYIN_VERSION, NAME_PINYIN_VERSION_KEY } from '../../electron/services/record/pinyin-backfill';
import type { ChildSummary } from '../../shared/contract/children';
import type { Result } from '../../shared/contract/errors';
import { tempDir } from '../helpers/temp-db';
import { ADMIN, makeHost, ok, setupAndLogin } from './support/host';

let root: { dir: string; cleanup: () => void };
let dataDir: string;
let host: AppHost;
const ids: Record<string, number> = {};

const names = async (query: string): Promise<string[]> => {
  const result = ok<{ total: number; rows: ChildSummary[] }>((await host.router.dispatch('c1', 'children:list', { query, status: null, limit: 500 })) as Result<unknown>);
  return result.rows.map((r) => r.name).sort();
};

beforeAll(async () => {
  root = tempDir();
  dataDir = `${root.dir}/data`;
  host = makeHost(dataDir);
  await setupAndLogin(host);
  // Different birth dates, so same-sounding names are never refused as possible duplicates.
  const children = ['𠮷田', '秘小明', '单晓明', '吕佳', '张小明', '陆佳', '米晓明'];
  for (const [i, name] of children.entries()) {
    ids[name] = ok<ChildSummary>(await host.router.dispatch('c1', 'children:create', { name, sex: 'male', birthDate: `2016-05-0${i + 1}`, idNumber: null })).id;
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

const CASES: [string, string[]][] = [
  ['jitian', ['𠮷田']],
  ['ji tian', ['𠮷田']],
  ['Jí Tián', ['𠮷田']],
  ['jt', ['𠮷田']],
  ['bixiaoming', ['秘小明']],
  ['Bì xiǎo míng', ['秘小明']],
  ['bxm', ['秘小明']],
  ['shan xiao ming', ['单晓明']],
  ['Shàn', ['单晓明']],
  ['SHANXIAOMING', ['单晓明']],
  ['sxm', ['单晓明']],
  ['lü jia', ['吕佳']],
  ['lv', ['吕佳']],
  ['lu:jia', ['吕佳']],
  ['Lǚ Jiā', ['吕佳']],
  ['ü', ['吕佳']],
  // Most input methods type ü as u after l: "lujia" finds both 陆佳 (lu) and 吕佳 (lü); "lvjia" only 吕佳.
  ['lujia', ['吕佳', '陆佳']],
  ['lvjia', ['吕佳']],
  ['xiao ming', ['张小明', '秘小明', '单晓明', '米晓明']],
  ['xiǎo míng', ['张小明', '秘小明', '单晓明', '米晓明']],
  ['𠮷', ['𠮷田']],
];

describe('children:list pinyin search', () => {
  it.each(CASES)('"%s" finds %j', async (query, want) => {
    expect(await names(query)).toEqual([...want].sort());
  });

  it('秘 as a surname is not mi: "mixiaoming" finds only 米晓明', async () => {
    expect(await names('mixiaoming')).toEqual(['米晓明']);
  });

  it('rows stored by the earlier pinyin are recomputed once at the next open', async () => {
    const sqlite = host.core.context(null).sqlite;
    // What the earlier namePinyin stored: 𠮷 dropped, 秘 read mi; and no version flag.
    sqlite.prepare('UPDATE children SET name_pinyin = ?, name_initials = ? WHERE id = ?').run('tian', 't', ids['𠮷田']);
    sqlite.prepare('UPDATE children SET name_pinyin = ?, name_initials = ? WHERE id = ?').run('mixiaoming', 'mxm', ids['秘小明']);
    sqlite.prepare('DELETE FROM settings WHERE key = ?').run(NAME_PINYIN_VERSION_KEY);
    expect(await names('jitian')).toEqual([]);

    host.close();
    host = makeHost(dataDir);
    expect(host.core.phase()).toBe('ready');
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await names('jitian')).toEqual(['𠮷田']);
    expect(await names('bixiaoming')).toEqual(['秘小明']);
    expect(await names('mixiaoming')).toEqual(['米晓明']);
    const flag = host.core.context(null).sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(NAME_PINYIN_VERSION_KEY) as { value: string };
    expect(JSON.parse(flag.value)).toBe(NAME_PINYIN_VERSION);

    // Once the flag is set the backfill does not run again: a row changed behind its back stays as it is.
    host.core.context(null).sqlite.prepare('UPDATE children SET name_pinyin = ? WHERE id = ?').run('tian', ids['𠮷田']);
    host.close();
    host = makeHost(dataDir);
    ok(await host.router.dispatch('c1', 'auth:login', ADMIN));
    expect(await names('jitian')).toEqual([]);
  });
});
