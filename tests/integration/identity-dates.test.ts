/** A birth date or admission date in the future, or an admission before birth, is refused naming the field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import { tempDir } from '../helpers/temp-db';
import { asRead, makeHost, ok, setupAndLogin } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`); // the test clock says 2026-11-29
  await setupAndLogin(host, 'admin');
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

const child = { name: '赵未来', sex: 'male', idNumber: null };

describe('identity dates against today', () => {
  it('children:create refuses a birth date after today and an admission before birth or after today', async () => {
    const future = await host.router.dispatch('admin', 'children:create', { ...child, birthDate: '2026-11-30' });
    expect(!future.ok && future.error).toMatchObject({ code: 'invalid_input', field: 'birthDate' });
    const early = await host.router.dispatch('admin', 'children:create', { ...child, birthDate: '2020-05-01', admissionDate: '2020-04-30' });
    expect(!early.ok && early.error).toMatchObject({ code: 'invalid_input', field: 'admissionDate' });
    const late = await host.router.dispatch('admin', 'children:create', { ...child, birthDate: '2020-05-01', admissionDate: '2026-12-01' });
    expect(!late.ok && late.error).toMatchObject({ code: 'invalid_input', field: 'admissionDate' });
    const list = ok<{ total: number }>(await host.router.dispatch('admin', 'children:list', { status: null }));
    expect(list.total).toBe(0);
  });

  it('today itself is accepted; record:updateProfile refuses moving the birth date into the future and changes nothing', async () => {
    const created = ok<{ id: number }>(await host.router.dispatch('admin', 'children:create', { ...child, birthDate: '2026-11-29', admissionDate: '2026-11-29' }));
    const r = await host.router.dispatch('admin', 'record:updateProfile', asRead(host, 'record:updateProfile', { childId: created.id, birthDate: '2027-01-01', admissionDate: null }));
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_input', field: 'birthDate' });
    const after = ok<{ birthDate: string; admissionDate: string | null }>(await host.router.dispatch('admin', 'children:get', { id: created.id }));
    expect(after).toMatchObject({ birthDate: '2026-11-29', admissionDate: '2026-11-29' });
  });
});
