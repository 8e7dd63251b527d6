/**
 * Every audit row of a demo database reads in Chinese (issue 18, item 6): each detail line's label, each
 * record name and each action has a Chinese name — the class of `reintegrationCase#8`,
 * `receivingDistrict=310104`, `asOf: …`, not only the examples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../electron/demo/demo';
import { exportAudit, queryAudit, recordPrint } from '../../electron/services/audit/audit';
import { childEligibility } from '../../electron/services/eligibility/eligibility';
import { exportLedgers } from '../../electron/services/ledgers/ledgers';
import { auditDetailLines } from '../../renderer/features/admin/audit-format';
import { type Words, actionLabel, entityLabel } from '../../renderer/features/record/history-format';
import { type MessageKey, translator } from '../../renderer/i18n/translate';
import type { AuditRowView } from '../../shared/contract/audit';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase>;
const rows: AuditRowView[] = [];
let people = new Map<number, string>();

function words(): Words {
  const t = translator('zh-CN');
  return {
    tr: (key, vars) => {
      const text = t(key as MessageKey, vars);
      return text === key ? null : text;
    },
    lang: 'zh',
  };
}

beforeAll(async () => {
  db = tempDatabase({ actor: { userId: 1, username: 'tester', roles: ['administrator', 'caseworker', 'supervisor', 'therapist', 'placementOfficer'] } });
  loadDemoData(db.ctx, { children: 40 });
  // What people do besides the demo's own writing: read entitlements, export, print, search the trail.
  const child = (db.ctx.sqlite.prepare('SELECT id FROM children ORDER BY id LIMIT 1').get() as { id: number }).id;
  childEligibility(db.ctx, child);
  await exportLedgers(db.ctx, { ledgers: ['roster', 'benefits'], from: '2026-01-01', to: '2026-11-29' });
  recordPrint(db.ctx, 'reintegrationDossier', child);
  queryAudit(db.ctx, { offset: 0, limit: 1, action: 'child.' });
  await exportAudit(db.ctx, { action: 'print' });
  for (let offset = 0; ; offset += 500) {
    const page = queryAudit(db.ctx, { offset, limit: 500 });
    rows.push(...(page.rows as AuditRowView[]));
    people = new Map(page.people.map((p) => [p.id, p.name]));
    if (rows.length >= page.total) break;
  }
});
afterAll(() => db.cleanup());

describe('the audit trail of a demo database in words', () => {
  it('has rows of many kinds to read', () => {
    expect(new Set(rows.map((r) => r.action)).size).toBeGreaterThan(10);
  });

  it('labels every detail line in Chinese, never with a field code', () => {
    const w = words();
    const bad = new Set<string>();
    for (const r of rows) {
      for (const line of auditDetailLines(r, w, people)) {
        const label = /^([^：]*)：/.exec(line)?.[1] ?? line;
        if (/[A-Za-z]{2,}/.test(label)) bad.add(`${r.action} ${label}`);
      }
    }
    expect([...bad]).toEqual([]);
  });

  it('labels the detail fields the other areas write (text written, referral, caseloads, desks, backups) and names the text fields in Chinese', () => {
    const w = words();
    const written: { entity: string | null; detail: Record<string, string | number | boolean | string[]> }[] = [
      { entity: 'reintegrationTask', detail: { textFields: ['outcome'] } },
      { entity: 'mentalHealthCheck', detail: { checkedOn: '2026-11-01', instrument: 'SDQ', riskLevel: 'high', referred: true } },
      { entity: 'caseload', detail: { userId: 1, role: 'caseworker' } },
      { entity: 'workstation', detail: { name: '二楼', fingerprint: 'ab', codeIssuedBy: 1, seen: 'x', shown: 'y' } },
      { entity: 'enrollmentCode', detail: { expiresAt: '2026-12-01T00:00:00Z', why: 'expired' } },
      { entity: null, detail: { address: '10.0.0.2', port: 8443, listening: true, codes: 2 } },
      { entity: null, detail: { keep: 10, folderSet: true, size: 1, verified: true, pruned: 1, recoveryId: 'r', replacedDir: 'd', olderKey: true, newComputer: true, hash: 'h' } },
      { entity: 'rehabConfig', detail: { version: 2, effectiveFrom: '2026-01-01', bands: 'b' } },
      { entity: 'settings', detail: { before: 5, after: 10 } },
      { entity: 'user', detail: { username: 'a', where: 'lockScreen' } },
    ];
    const bad: string[] = [];
    for (const row of written) {
      for (const line of auditDetailLines(row, w, people)) {
        const label = /^([^：]*)：/.exec(line)?.[1] ?? line;
        if (/[A-Za-z]{2,}/.test(label)) bad.push(label);
      }
    }
    expect(bad).toEqual([]);
    const [textLine] = auditDetailLines({ entity: 'reintegrationTask', detail: { textFields: ['outcome'] } }, w, people);
    expect(textLine).toBe('填写的文字（内容不记入审计）：结果');
  });

  it('names every record and action in Chinese', () => {
    const w = words();
    const bad = new Set<string>();
    for (const r of rows) {
      if (r.entity && /[A-Za-z]/.test(entityLabel(r.entity, w))) bad.add(`entity ${r.entity}`);
      if (/[A-Za-z]{2,}/.test(actionLabel(r.action, w))) bad.add(`action ${r.action}`);
    }
    expect([...bad]).toEqual([]);
  });
});
