import type { ServiceContext } from './context';

export function getSetting<T>(ctx: Pick<ServiceContext, 'sqlite'>, key: string, fallback: T): T {
  const row = ctx.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(ctx: Pick<ServiceContext, 'sqlite'>, key: string, value: unknown): void {
  ctx.sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
}
