import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A child in the institution's care: identity and the current state of the record. */
export const children = sqliteTable(
  'children',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Full pinyin without tones or spaces, lower case (zhangxiaoming), for search. */
    namePinyin: text('name_pinyin').notNull(),
    /** Pinyin initials, lower case (zxm), for search. */
    nameInitials: text('name_initials').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    birthDate: text('birth_date').notNull(),
    idNumber: text('id_number'),
    status: text('status', { enum: ['inCare', 'discharged', 'archived'] }).notNull().default('inCare'),
    admissionDate: text('admission_date'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('children_id_number_unique').on(t.idNumber).where(sql`${t.idNumber} IS NOT NULL`),
    index('children_status_name_idx').on(t.status, t.namePinyin),
    index('children_birth_idx').on(t.birthDate),
  ],
);
