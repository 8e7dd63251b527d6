import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DISCHARGE_REASONS } from '../../shared/contract/children';
import { ADMISSION_SOURCES, DOCUMENT_KINDS, DOCUMENT_MIMES } from '../../shared/contract/record';

/*
 * The child and the two things every part of the record hangs on: the columns each record row carries
 * (`childRecordColumns`, which reference the child) and the documents table (the child's photo is a
 * document, and a document belongs to a child). They reference each other, so they share this file.
 */
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
    /** JSON array of earlier names (曾用名), oldest first. */
    formerNames: text('former_names', { mode: 'json' }).$type<string[]>(),
    nationality: text('nationality'),
    ethnicity: text('ethnicity'),
    hukouKind: text('hukou_kind', { enum: ['shanghai', 'other'] }),
    /** One of the sixteen current Shanghai districts (6 digits), when hukouKind is 'shanghai'. */
    hukouDistrictCode: text('hukou_district_code'),
    /** Street or township (街道/乡镇) of a Shanghai hukou. */
    hukouStreet: text('hukou_street'),
    /** GB/T 2260 province prefix (2 digits) of a hukou outside Shanghai. */
    hukouProvinceCode: text('hukou_province_code'),
    admissionSource: text('admission_source', { enum: ADMISSION_SOURCES }),
    /** The body that referred or brought the child (公安机关、法院、区民政局…). */
    referringBody: text('referring_body'),
    notes: text('notes'),
    /** The last day in care, while discharged or archived (cleared on restore; the history keeps it). */
    dischargeDate: text('discharge_date'),
    dischargeReason: text('discharge_reason', { enum: DISCHARGE_REASONS }),
    dischargeNote: text('discharge_note'),
    /** The current photo: a document of kind 'photo' of this child (documents are voided, never deleted). */
    photoDocumentId: integer('photo_document_id').references((): AnySQLiteColumn => documents.id),
  },
  (t) => [
    uniqueIndex('children_id_number_unique').on(t.idNumber).where(sql`${t.idNumber} IS NOT NULL`),
    index('children_status_name_idx').on(t.status, t.namePinyin),
    index('children_birth_idx').on(t.birthDate),
  ],
);

/**
 * The columns every row of a child's record carries: the child (deleted with it), who wrote the row
 * and when, and the voiding that replaces DELETE — a voided row stays, with who, when and why, and
 * no longer counts anywhere. A fresh set of builders per table.
 */
export function childRecordColumns() {
  return {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    /** users.id of the person who wrote the row (null for the demo loader and imports). */
    createdBy: integer('created_by'),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by'),
    voidReason: text('void_reason'),
  };
}

/**
 * Scanned certificates, reports and photos of a child, kept inside the encrypted database (never as
 * loose files). Content is immutable: a wrong upload is voided and a new one added.
 */
export const documents = sqliteTable(
  'documents',
  {
    ...childRecordColumns(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    mime: text('mime', { enum: DOCUMENT_MIMES }).notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    size: integer('size').notNull(),
    /** Hex SHA-256 of `bytes`. */
    sha256: text('sha256').notNull(),
    issuedOn: text('issued_on'),
    note: text('note'),
  },
  (t) => [index('documents_child_idx').on(t.childId, t.kind, t.id)],
);
