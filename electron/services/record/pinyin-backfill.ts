import type { SqliteDb } from '../../../db/open';
import { getSetting, setSetting } from '../core/settings';
import { namePinyin } from './pinyin';

/**
 * Version of the stored-pinyin algorithm (namePinyin). Raise it whenever namePinyin changes what it
 * stores; the next open recomputes every child's name_pinyin / name_initials once.
 * 1: characters outside the BMP (𠮷, 𡘙) read, surname readings (秘 Bì), one normaliser shared with search.
 */
export const NAME_PINYIN_VERSION = 1;
export const NAME_PINYIN_VERSION_KEY = 'namePinyinVersion';

/**
 * Recomputes stored pinyin written by an older namePinyin (SQL cannot call pinyin-pro, so this is code,
 * not a migration). Runs in one transaction with the settings flag, so it is done wholly or not at all,
 * and only once per version. Returns how many children's pinyin changed.
 */
export function backfillNamePinyin(ctx: { sqlite: SqliteDb }): number {
  if (getSetting(ctx, NAME_PINYIN_VERSION_KEY, 0) >= NAME_PINYIN_VERSION) return 0;
  return ctx.sqlite.transaction(() => {
    // Checked again inside the write lock: another desk opening the same file may have just done it.
    if (getSetting(ctx, NAME_PINYIN_VERSION_KEY, 0) >= NAME_PINYIN_VERSION) return 0;
    const rows = ctx.sqlite.prepare('SELECT id, name, name_pinyin, name_initials FROM children').all() as {
      id: number;
      name: string;
      name_pinyin: string;
      name_initials: string;
    }[];
    const update = ctx.sqlite.prepare('UPDATE children SET name_pinyin = ?, name_initials = ? WHERE id = ?');
    let changed = 0;
    for (const row of rows) {
      const { full, initials } = namePinyin(row.name);
      if (full === row.name_pinyin && initials === row.name_initials) continue;
      update.run(full, initials, row.id);
      changed += 1;
    }
    setSetting(ctx, NAME_PINYIN_VERSION_KEY, NAME_PINYIN_VERSION);
    return changed;
  }).immediate();
}
