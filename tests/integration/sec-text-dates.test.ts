/**
 * Issue 15, item 14, through the router against a real database: names with NUL, BEL/ESC, bidi
 * overrides or only zero-width characters, and birth dates 0000-01-01 / 0001-01-01, are refused naming
 * the field, and nothing is stored; a multi-line note keeps its line break.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;
const children = () => (host.core.opened()!.sqlite.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  await setupAndLogin(host, 'admin');
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('names and dates at the boundary', () => {
  it('refuses hostile names and impossible birth dates, naming the field; stores nothing', async () => {
    const base = { sex: 'female', birthDate: '2015-01-01', idNumber: null };
    const names = ['张\u0000三', '李\u0007四', '\u001b[31m王五', '\u202e赵六', '孙\u2066七\u2069', '\u200b\u200c\u200d', '\ufeff', '\u3164'];
    for (const name of names) {
      const r = await host.router.dispatch('admin', 'children:create', { ...base, name });
      expect(!r.ok && r.error, JSON.stringify(name)).toMatchObject({ code: 'invalid_input', field: 'name' });
      expect(!r.ok && r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const birthDate of ['0000-01-01', '0001-01-01', '1989-12-31']) {
      const r = await host.router.dispatch('admin', 'children:create', { ...base, name: '周八', birthDate });
      expect(!r.ok && r.error, birthDate).toMatchObject({ code: 'invalid_input', field: 'birthDate', message: '出生日期不能早于 1990-01-01' });
    }
    expect(children()).toBe(0);
  });

  it('other dates are bounded too, and a note keeps its line break', async () => {
    const child = ok<{ id: number }>(await host.router.dispatch('admin', 'children:create', { name: '吴九', sex: 'male', birthDate: '1990-01-01', idNumber: null }));
    const old = await host.router.dispatch('admin', 'record:addPlacement', { childId: child.id, kind: 'municipalInstitution', from: '0001-01-01' });
    expect(!old.ok && old.error).toMatchObject({ code: 'invalid_input', field: 'from' });
    const placed = ok<{ note: string | null }>(await host.router.dispatch('admin', 'record:addPlacement', { childId: child.id, kind: 'municipalInstitution', from: '2015-01-01', note: '第一行\n第二行' }));
    expect(placed.note).toBe('第一行\n第二行');
    const bidi = await host.router.dispatch('admin', 'record:updateProfile', asRead(host, 'record:updateProfile', { childId: child.id, notes: '正常\u202e文字' }));
    expect(!bidi.ok && bidi.error).toMatchObject({ code: 'invalid_input', field: 'notes' });
  });
});
