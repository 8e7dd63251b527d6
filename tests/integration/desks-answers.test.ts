/**
 * Issue 19, item 3: the kept answers of writes. A write and its answer commit together; a handler that
 * fails keeps what it committed itself (as without request ids) and leaves no answer; when keeping the
 * answer fails, the write goes too — never a write without its answer, so a retry can never apply it twice.
 */
import { afterEach, expect, it } from 'vitest';
import { answerStore } from '../../electron/host/data-host/store';
import { tempDatabase } from '../helpers/temp-db';

let db: ReturnType<typeof tempDatabase> | null = null;
afterEach(() => {
  db?.cleanup();
  db = null;
});

const meta = { requestId: 'req-00000001', scope: 7 };

function setup() {
  db = tempDatabase();
  const sqlite = db.opened.sqlite;
  sqlite.exec('CREATE TABLE t (v TEXT NOT NULL)');
  const count = () => (sqlite.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  return { sqlite, count, answers: answerStore(sqlite, () => new Date('2026-12-01T00:00:00Z')) };
}

it('commits a write with its answer, and finds the answer by request id within the desk only', () => {
  const { sqlite, count, answers } = setup();
  answers.atomically(() => {
    sqlite.transaction(() => sqlite.prepare("INSERT INTO t VALUES ('a')").run()).immediate();
    answers.keep(meta, 'x:write', { ok: true, value: 1 });
  });
  expect(count()).toBe(1);
  expect(answers.find(meta)).toEqual({ ok: true, value: 1 });
  expect(answers.find({ ...meta, scope: 8 })).toBeNull();
});

it('keeps what a failing handler committed itself, and no answer', () => {
  const { sqlite, count, answers } = setup();
  expect(() =>
    answers.atomically(() => {
      sqlite.transaction(() => sqlite.prepare("INSERT INTO t VALUES ('refusal recorded')").run()).immediate();
      expect(() => sqlite.transaction(() => {
        sqlite.prepare("INSERT INTO t VALUES ('half')").run();
        throw new Error('inner failure');
      }).immediate()).toThrow('inner failure');
      throw new Error('refused');
    }),
  ).toThrow('refused');
  expect(count()).toBe(1);
  expect(answers.find(meta)).toBeNull();
  expect(sqlite.inTransaction).toBe(false);
});

it('undoes the write when its answer cannot be kept', () => {
  const { sqlite, count, answers } = setup();
  sqlite.exec("CREATE TRIGGER no_answers BEFORE INSERT ON request_answers BEGIN SELECT RAISE(ABORT, 'full'); END");
  expect(() =>
    answers.atomically(() => {
      sqlite.prepare("INSERT INTO t VALUES ('w')").run();
      answers.keep(meta, 'x:write', { ok: true, value: 1 });
    }),
  ).toThrow('full');
  expect(count()).toBe(0);
  expect(sqlite.inTransaction).toBe(false);
});
