/** A print is written to the audit trail with who printed which child's page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHost } from '../../electron/host/app-host';
import type { AuditRowView } from '../../shared/contract/audit';
import { tempDir } from '../helpers/temp-db';
import { makeHost, ok, setupAndLogin } from './support/host';

let root: { dir: string; cleanup: () => void };
let host: AppHost;

beforeAll(async () => {
  root = tempDir();
  host = makeHost(`${root.dir}/data`);
  await setupAndLogin(host, 'admin');
  for (const [username, roles] of [
    ['cw.print', ['caseworker']],
    ['th.print', ['therapist']],
  ] as const) {
    ok(await host.router.dispatch('admin', 'users:create', { username, displayName: username, password: 'First!password1', roles }));
    ok(await host.router.dispatch(username.slice(0, 2), 'auth:login', { username, password: 'First!password1' }));
    ok(await host.router.dispatch(username.slice(0, 2), 'auth:changePassword', { currentPassword: 'First!password1', newPassword: 'Own!password22' }));
  }
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('audit:printed', () => {
  it('records the print of a child’s entitlements, with the person and the child', async () => {
    const child = ok<{ id: number }>(await host.router.dispatch('cw', 'children:create', { name: '打印样本', sex: 'female', birthDate: '2015-01-01', idNumber: null }));
    ok(await host.router.dispatch('cw', 'audit:printed', { what: 'eligibility', childId: child.id }));
    const rows = ok<{ rows: AuditRowView[] }>(await host.router.dispatch('admin', 'audit:query', { action: 'print', offset: 0, limit: 10 })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'print', childId: child.id });
  });

  it('needs a signed-in person and a known kind of page', async () => {
    const anonymous = await host.router.dispatch('nobody', 'audit:printed', { what: 'eligibility' });
    expect(!anonymous.ok && anonymous.error.code).toBe('unauthenticated');
    const bad = await host.router.dispatch('admin', 'audit:printed', { what: 'everything' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'invalid_input', field: 'what' });
  });

  it('refuses what a person may not print, a child’s page without a child or of a child that does not exist (item 12)', async () => {
    const before = ok<{ total: number }>(await host.router.dispatch('admin', 'audit:query', { action: 'print', offset: 0, limit: 1 })).total;
    const child = ok<{ id: number }>(await host.router.dispatch('cw', 'children:create', { name: '打印样本二', sex: 'male', birthDate: '2016-01-01', idNumber: null }));
    const refused = [
      ['th', { what: 'recoveryCode' }, 'forbidden', 'what'],
      ['cw', { what: 'mentalHealth', childId: child.id }, 'forbidden', 'what'],
      ['th', { what: 'ledger' }, 'forbidden', 'what'],
      ['cw', { what: 'recoveryCode' }, 'forbidden', 'what'],
      ['th', { what: 'rehab', childId: 999_999 }, 'not_found', 'childId'],
      ['th', { what: 'rehab' }, 'invalid_input', 'childId'],
      ['admin', { what: 'recoveryCode', childId: child.id }, 'invalid_input', 'childId'],
    ] as const;
    for (const [who, input, code, field] of refused) {
      const r = await host.router.dispatch(who, 'audit:printed', input);
      expect(!r.ok && r.error, `${who} ${JSON.stringify(input)}`).toMatchObject({ code, field });
    }
    // Nothing refused was written; what each may print is.
    expect(ok<{ total: number }>(await host.router.dispatch('admin', 'audit:query', { action: 'print', offset: 0, limit: 1 })).total).toBe(before);
    ok(await host.router.dispatch('admin', 'audit:printed', { what: 'recoveryCode' }));
    ok(await host.router.dispatch('th', 'audit:printed', { what: 'mentalHealth', childId: child.id }));
    ok(await host.router.dispatch('cw', 'audit:printed', { what: 'statistics' }));
    expect(ok<{ total: number }>(await host.router.dispatch('admin', 'audit:query', { action: 'print', offset: 0, limit: 1 })).total).toBe(before + 3);
  });
});
