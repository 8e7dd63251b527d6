/**
 * English pages never show a full-width colon after a label (issue 18, item 7): a label followed by a
 * value is joined with the catalog's `read.colon` (：in Chinese, ": " in English), never a hard-coded
 * ：. The Chinese-only print views (dossier, child summary, ledger print) are exempt.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/i18n/translate';

const root = resolve(import.meta.dirname, '..', '..', '..');
const CHINESE_ONLY = /(DossierPage|ChildSummaryPage|LedgerPrintPage|PrintFrame)\.tsx$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.tsx') ? [p] : [];
  });
}

describe('label colons', () => {
  it('no page joins a label and its value with a hard-coded full-width colon', () => {
    const offenders = files(join(root, 'renderer'))
      .filter((f) => !CHINESE_ONLY.test(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(root, f)}:${i + 1}` }))
          // `}：` followed by a value, markup or a line break: every case joins a label to what follows.
          .filter(({ line }) => /\}：/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });

  it('the colon is full-width in Chinese and ": " in English', () => {
    expect(translator('zh-CN')('read.colon')).toBe('：');
    expect(translator('en')('read.colon')).toBe(': ');
  });
});
