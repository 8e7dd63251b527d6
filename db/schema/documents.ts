import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { childRecordColumns } from './columns';
import { DOCUMENT_KINDS, DOCUMENT_MIMES } from '../../shared/contract/record';

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
