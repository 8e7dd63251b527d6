/**
 * Fault test (issue 7): kill -9 of a process changing the database key, at random moments between
 * writing keystore.json.new and committing it. Every restart opens the database (with the old key or
 * the new one), integrity_check passes, every child is there, and no keystore.json.new is left over.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../db/open';
import { tempDir } from '../helpers/temp-db';
import { PASSPHRASE, makeHost, setupAndLogin } from './support/host';

const ROUNDS = 10;
const CHILDREN = 3000;
const root = join(import.meta.dirname, '..', '..');

let t: { dir: string; cleanup: () => void };
let dataDir: string;

beforeAll(async () => {
  t = tempDir();
  dataDir = join(t.dir, 'data');
  const host = makeHost(dataDir);
  await setupAndLogin(host);
  // Enough pages that the rekey takes a while and a kill can land inside it.
  const sqlite = host.core.context(null).sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO children (name, name_pinyin, name_initials, sex, birth_date, created_at, updated_at) VALUES (?, ?, ?, 'male', '2015-01-01', ?, 'x')`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < CHILDREN; i += 1) insert.run(`儿童${i}`, `ertong${i}`, 'et', 'x'.repeat(2000));
  })();
  host.close();
});
afterAll(() => t.cleanup());

/**
 * Runs the child; kills it `delayMs` after it reports "prepared" (never, for Infinity). Returns the
 * last step it reported, whether a rollback journal was left behind (killed inside the rekey), and
 * how long the rekey took when it got that far.
 */
function changeKeyAndKill(delayMs: number): Promise<{ lastStep: string; hotJournal: boolean; rekeyMs: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'rekey-crash-child.ts'), dataDir, PASSPHRASE], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TONGHU_LOG: 'silent' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = out;
      out += chunk.toString();
      if (Number.isFinite(delayMs) && !before.includes('prepared') && out.includes('prepared')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (out.includes('not-ready')) reject(new Error(`child could not open: ${out} ${err}`));
      else if (!out.includes('opened')) reject(new Error(`child failed (code ${code}, signal ${signal}): ${err.slice(0, 500)}`));
      else {
        const at = (step: string) => Number(/(?:^|\n)STEP (\S+)/.exec(out.replace(new RegExp(`(^|\n)${step} `), '$1STEP '))?.[1]);
        const prepared = at('prepared');
        const rekeyed = at('rekeyed');
        resolve({
          lastStep: (out.trim().split('\n').at(-1) ?? '').split(' ')[0] ?? '',
          hotJournal: existsSync(join(dataDir, 'tonghu.db-journal')),
          rekeyMs: Number.isFinite(rekeyed) ? rekeyed - prepared : null,
        });
      }
    });
  });
}

describe('kill -9 during a key change', () => {
  it(`${ROUNDS} rounds: every restart opens, passes integrity_check, keeps every child, leaves no keystore.json.new`, async () => {
    // A first, uninterrupted change measures how long the rekey takes; the kills land inside that window.
    const calibration = await changeKeyAndKill(Number.POSITIVE_INFINITY);
    expect(calibration.lastStep).toBe('committed');
    const window = Math.max(5, Math.ceil(calibration.rekeyMs ?? 50));
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const delay = round === 0 ? 0 : Math.floor(Math.random() * window * 1.2);
      const { lastStep, hotJournal } = await changeKeyAndKill(delay);
      const asideBefore = readdirSync(dataDir).filter((n) => n.startsWith('replaced-interrupted-rekey-')).length;
      const host = makeHost(dataDir);
      const restoredFromCopy = readdirSync(dataDir).filter((n) => n.startsWith('replaced-interrupted-rekey-')).length > asideBefore;
      try {
        expect(host.core.phase(), `round ${round}: ${host.core.problem()?.message}`).toBe('ready');
        const sqlite = host.core.context(null).sqlite;
        expect(verifyDatabase(sqlite)).toEqual({ ok: true });
        expect(sqlite.prepare('SELECT count(*) AS n FROM children').get()).toEqual({ n: CHILDREN });
        expect(String(sqlite.pragma('journal_mode', { simple: true }))).toBe('wal');
        expect(existsSync(join(dataDir, 'keystore.json.new'))).toBe(false);
        expect(existsSync(join(dataDir, 'tonghu.db.pre-rekey'))).toBe(false);
        expect(existsSync(join(dataDir, 'tonghu.db-journal'))).toBe(false);
        outcomes.push(
          `round ${round}: killed ${delay} ms after "prepared", last step "${lastStep}"${hotJournal ? ', inside the rekey (hot journal)' : ''} → opened with the ${host.core.recoveryUnseen() ? 'new key (recovery code flagged unseen)' : 'key in keystore.json'}${restoredFromCopy ? ' after putting back the pre-rekey copy (half-rekeyed file kept aside)' : ''}`,
        );
      } finally {
        host.close();
      }
    }
    console.log(`rekey kill -9 (rekey takes ~${window} ms): ${outcomes.join('; ')}`);
  });
});
