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
});
afterAll(() => {
  host?.close();
  root?.cleanup();
});

describe('audit:printed', () => {
  it('records the print of a child’s entitlements, with the person and the child', async () => {
    const child = ok<{ id: number }>(await host.router.dispatch('admin', 'children:create', { name: '打印样本', sex: 'female', birthDate: '2015-01-01', idNumber: null }));
    ok(await host.router.dispatch('admin', 'audit:printed', { what: 'eligibility', childId: child.id }));
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
});
