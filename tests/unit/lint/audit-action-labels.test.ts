import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-CN';

/**
 * Every action the services write to the audit trail (`action: 'area.verb'`) has a name in words in
 * both catalogs, where the audit view and the child's history look it up (history-format.ts:
 * registry.actions, admin.actions, read.audit.actions). An action without one would show its code
 * (`key.recoveryCodeConfirmed`) on the audit page and in its Excel export.
 */
const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const ACTIONS = [...new Set(sources(join(ROOT, 'electron')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\baction: '([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!)))].sort();

function label(catalog: unknown, action: string): string | undefined {
  const [area, verb] = action.split('.') as [string, string];
  for (const path of [['registry', 'actions'], ['admin', 'actions'], ['read', 'audit', 'actions']]) {
    let node: unknown = catalog;
    for (const key of [...path, area, verb]) node = (node as Record<string, unknown> | undefined)?.[key];
    if (typeof node === 'string' && node.length > 0) return node;
  }
  return undefined;
}

describe('audit actions in words', () => {
  it('finds the actions the services write', () => {
    expect(ACTIONS.length).toBeGreaterThan(60);
    expect(ACTIONS).toContain('auth.login');
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('every audited action has a name in %s', (_locale, catalog) => {
    expect(ACTIONS.filter((a) => label(catalog, a) === undefined)).toEqual([]);
  });
});
