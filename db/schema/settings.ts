import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Small key/value settings of the institution (name, idle lock minutes, last import mapping…). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});
