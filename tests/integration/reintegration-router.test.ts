/**
 * The reintegration channels through the router: each role gets what its permissions allow (only a
 * supervisor approves; a supervisor does not do the officer's work), a bad receiving district comes
 * back as invalid_input naming the field, and the dossier export is audited as a print — saved as a PDF
 * where the host can (Electron), left to the page's print dialog where it cannot (browser host).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppHost, createAppHost } from '../../electron/host/app-host';
import { passphraseSealer } from '../../electron/services/keys/key-store';
import { createUser } from '../../electron/services/users/users';
import type { SessionUser } from '../../shared/contract/common';
import type { Result } from '../../shared/contract/errors';
import type { Role } from '../../shared/contract/permissions';
import { rubricOn } from '../../shared/domain/reintegration';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';
import { asRead, PASSPHRASE, ok, setupAndLogin, testClock } from './support/host';

const PASSWORD = 'Reint!router-pass1';
let root: { dir: string; cleanup: () => void };
let host: AppHost;
let exported: { connection: string; name: string }[];
const users = {} as Record<'caseworker' | 'placementOfficer' | 'supervisor', SessionUser>;
let n = 0;

function start(withExporter: boolean): AppHost {
  exported = [];
  return createAppHost({
    dataDir: `${root.dir}/data`,
    keyMode: 'passphrase',
    sealer: passphraseSealer(PASSPHRASE),
    clock: testClock(),
    migrationsDir: MIGRATIONS_DIR,
    exportPagePdf: withExporter
      ? async (connection, name) => {
          exported.push({ connection, name });
          return `/home/po/Documents/${name}`;
        }
      : undefined,
  });
}
const call = <T>(user: SessionUser, channel: string, input: unknown) => {
  n += 1;
  host.sessions.start(`conn-${n}`, user);
  return host.router.dispatch(`conn-${n}`, channel, asRead(host, channel, input)) as Promise<Result<T>>;
};

async function prepare(withExporter: boolean): Promise<number> {
  root = tempDir();
  host = start(withExporter);
  const admin = await setupAndLogin(host, 'admin');
  const ctx = host.core.context({ userId: admin.id, username: admin.username, roles: admin.roles });
  for (const role of ['caseworker', 'placementOfficer', 'supervisor'] as const) {
    createUser(ctx, { username: `u_${role}`, displayName: role, password: PASSWORD, roles: [role as Role] });
    users[role] = ok<SessionUser>(await host.router.dispatch(`login-${role}`, 'auth:login', { username: `u_${role}`, password: PASSWORD }));
  }
  const cw = users.caseworker;
  const { id: childId } = ok<{ id: number }>(await call(cw, 'children:create', { name: '陈思远', sex: 'female', birthDate: '2008-03-10', idNumber: null }));
  ok(await call(cw, 'record:addStatusFact', { childId, fact: { kind: 'parentsStatus', value: { father: 'notFound', mother: 'notFound' } }, effectiveDate: '2008-03-10' }));
  ok(await call(cw, 'record:addStatusFact', { childId, fact: { kind: 'policeAbandonmentConfirmation', value: true }, effectiveDate: '2008-03-10' }));
  ok(await call(cw, 'record:addPlacement', { childId, kind: 'municipalInstitution', from: '2008-03-10' }));
  const e = ok<{ id: number }>(await call(cw, 'record:addEducation', { childId, stage: 'seniorVocational', fullTime: true, enrolmentDate: '2023-09-01', standardDurationYears: 3 }));
  ok(await call(cw, 'record:updateEducation', { childId, id: e.id, actualCompletion: '2026-06-30' }));
  const board = ok<{ cases: { id: number; childId: number }[] }>(await call(users.placementOfficer, 'reintegration:pipeline', {}));
  return board.cases.find((c) => c.childId === childId)!.id;
}
afterEach(() => {
  host?.close();
  root?.cleanup();
});

describe('roles and refusals', () => {
  let caseId: number;
  beforeEach(async () => {
    caseId = await prepare(false);
  });

  it('the officer records, only a supervisor approves, and a district outside the 16 is invalid_input on the field', async () => {
    const scores = rubricOn('2026-08-01').domains.map((d) => ({ domain: d.code, score: 80 }));
    const input = { caseId, assessedOn: '2026-08-01', round: 1, panel: ['李明', '张华'], scores, result: 'capable', reasons: '各维度达到要求' };
    const refused = await call(users.supervisor, 'reintegration:addAssessment', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const a = ok<{ id: number }>(await call(users.placementOfficer, 'reintegration:addAssessment', input));
    expect(await call(users.placementOfficer, 'reintegration:decide', { caseId, assessmentId: a.id, approve: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(users.caseworker, 'reintegration:decide', { caseId, assessmentId: a.id, approve: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    ok(await call(users.supervisor, 'reintegration:decide', { caseId, assessmentId: a.id, approve: true }));
    const bad = await call(users.placementOfficer, 'reintegration:resettle', { caseId, receivingDistrict: '310108', receivingStreet: '天目西路街道', resettledOn: '2026-11-01', tasks: [] });
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input', field: 'receivingDistrict', message: '接收安置区须为上海市现有的16个区之一' }) });
    const detail = ok<{ case: { stage: string; receivingDistrict: string | null }; tasks: unknown[] }>(await call(users.caseworker, 'reintegration:get', { caseId }));
    expect(detail).toMatchObject({ case: { stage: 'resettling', receivingDistrict: null }, tasks: [] });
  });

  it('the browser host cannot export: the page prints itself, and the print is audited', async () => {
    expect(ok(await call(users.placementOfficer, 'reintegration:exportDossier', { caseId }))).toEqual({ supported: false, savedTo: null });
    const row = host.core.opened()!.sqlite.prepare("SELECT action, user_id, detail FROM audit_log WHERE action = 'print' ORDER BY id DESC LIMIT 1").get() as { user_id: number; detail: string };
    expect(row.user_id).toBe(users.placementOfficer.id);
    expect(JSON.parse(row.detail)).toMatchObject({ what: 'reintegrationDossier', caseId, pdf: 'browserPrint' });
  });
});

describe('Electron: the dossier saved as a PDF', () => {
  it('renders the sender page through the host and audits the saved export', async () => {
    const caseId = await prepare(true);
    const result = ok<{ supported: boolean; savedTo: string }>(await call(users.placementOfficer, 'reintegration:exportDossier', { caseId }));
    expect(result).toEqual({ supported: true, savedTo: '/home/po/Documents/回归社会安置档案-陈思远-2026-11-29.pdf' });
    expect(exported).toEqual([{ connection: `conn-${n}`, name: '回归社会安置档案-陈思远-2026-11-29.pdf' }]);
    const row = host.core.opened()!.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'print' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(row.detail)).toMatchObject({ what: 'reintegrationDossier', pdf: 'saved' });
  });
});
