/**
 * Scanned documents of a child, stored inside the encrypted database (never as loose files). Content
 * is checked against its declared type, hashed, and immutable: a wrong upload is voided, not replaced.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { children, documents } from '../../../db/schema';
import { AppError, ValidationError } from '../../../shared/contract/errors';
import {
  type DocumentAddInput,
  type DocumentMeta,
  MAX_DOCUMENT_BYTES,
  type VoidDocumentInput,
  documentAddSchema,
  documentGetSchema,
  voidDocumentSchema,
} from '../../../shared/contract/record';
import { appendAudit } from '../audit/audit';
import { type ServiceContext, inTransaction } from '../core/context';
import { voidRow } from './record';
import { actorId, documentMetaColumns, findDocument, nowIso, parseInput, requireChild } from './record-store';

const MIME_LABELS: Record<DocumentMeta['mime'], string> = { 'image/jpeg': 'JPEG 图片', 'image/png': 'PNG 图片', 'application/pdf': 'PDF 文件' };

/** Whether the bytes begin as files of this type do (JPEG FF D8 FF, PNG's 8-byte signature, %PDF-). */
function contentMatchesMime(bytes: Buffer, mime: DocumentMeta['mime']): boolean {
  switch (mime) {
    case 'image/jpeg':
      return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/png':
      return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'application/pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  }
}

/** Stores a document of the child; returns its description. */
export function addDocument(ctx: ServiceContext, raw: DocumentAddInput): DocumentMeta {
  const input = parseInput(documentAddSchema, raw);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new ValidationError('contentBase64', '文件内容为空');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new ValidationError('contentBase64', '文件过大（最大20MB）');
  if (!contentMatchesMime(bytes, input.mime)) throw new ValidationError('contentBase64', `文件内容不是所选类型（${MIME_LABELS[input.mime]}）`);
  if (input.kind === 'photo' && !input.mime.startsWith('image/')) throw new ValidationError('mime', '照片须为 JPEG 或 PNG 图片');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return inTransaction(ctx, () => {
    const child = requireChild(ctx, input.childId);
    const row = ctx.db
      .insert(documents)
      .values({
        childId: child.id,
        createdAt: nowIso(ctx),
        createdBy: actorId(ctx),
        kind: input.kind,
        title: input.title,
        mime: input.mime,
        bytes,
        size: bytes.length,
        sha256,
        issuedOn: input.issuedOn ?? null,
        note: input.note,
      })
      .returning(documentMetaColumns)
      .get();
    appendAudit(ctx, { action: 'document.add', entity: 'document', entityId: row.id, childId: child.id, detail: { kind: row.kind, mime: row.mime, size: row.size, sha256 } });
    return row;
  });
}

/** One document with its content as base64; audited as a read. Voided documents stay readable (history). */
export function getDocument(ctx: ServiceContext, raw: { childId: number; id: number }): DocumentMeta & { contentBase64: string } {
  const input = parseInput(documentGetSchema, raw);
  const row = ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.id, input.id), eq(documents.childId, input.childId)))
    .get();
  if (!row) throw new AppError('not_found', '未找到该文件');
  inTransaction(ctx, () => appendAudit(ctx, { action: 'document.read', entity: 'document', entityId: row.id, childId: row.childId }));
  const { bytes, ...meta } = row;
  return { ...meta, contentBase64: bytes.toString('base64') };
}

/** Voids a document with a reason; if it was the child's photo, the photo is cleared. */
export function voidDocument(ctx: ServiceContext, raw: VoidDocumentInput): DocumentMeta {
  const input = parseInput(voidDocumentSchema, raw);
  return inTransaction(ctx, () => {
    voidRow(ctx, { table: 'documents', noun: '文件', entity: 'document' }, input.childId, input.id, input.reason);
    const child = requireChild(ctx, input.childId);
    if (child.photoDocumentId === input.id) {
      ctx.db.update(children).set({ photoDocumentId: null, updatedAt: nowIso(ctx) }).where(eq(children.id, child.id)).run();
      appendAudit(ctx, {
        action: 'child.update',
        entity: 'child',
        entityId: child.id,
        childId: child.id,
        detail: [{ field: 'photoDocumentId', before: input.id, after: null }],
      });
    }
    return findDocument(ctx, input.childId, input.id)!;
  });
}
