/**
 * Pure helpers of the record screens: money between yuan (what people type) and fen (what the contract
 * carries), dated intervals as of a day, file checks before an upload. No React, no calls.
 */
import { DOCUMENT_MIMES, MAX_DOCUMENT_BYTES } from '../../../shared/contract/record';

export type DocumentMime = (typeof DOCUMENT_MIMES)[number];

/**
 * Yuan typed in a field → whole fen. Blank → null; anything that is not a non-negative amount with at
 * most two decimals → NaN, so the caller can say so beside the field.
 */
export function yuanToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().replaceAll(',', '');
  if (text === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return Number.NaN;
  const [whole, decimals = ''] = text.split('.');
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Fen → yuan for an input's value (1234 → 12.34). */
export function fenToYuan(fen: number | null): number | '' {
  return fen === null ? '' : fen / 100;
}

/** Fen shown as money: ¥1,234.50. */
export function formatYuan(fen: number | null): string {
  if (fen === null) return '—';
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `¥${yuan.toLocaleString('en-US')}.${cents}`;
}

/** The share of an eligible cost that was aided (0…1); null when there was no eligible cost. */
export function aidRatio(claim: { eligibleCostFen: number; aidedFen: number }): number | null {
  return claim.eligibleCostFen > 0 ? claim.aidedFen / claim.eligibleCostFen : null;
}

/** A ratio as a whole-number percentage, rounded down so 69.99% never reads as 70%. */
export function formatPercent(ratio: number): string {
  return `${Math.floor(ratio * 1000) / 10}%`;
}

type Dated = { from: string; to: string | null; voidedAt: string | null };

/** Rows not voided. */
export function liveRows<T extends { voidedAt: string | null }>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.voidedAt === null);
}

/** Whether a live interval covers `day` (both ends count). */
export function coversDay(row: Dated, day: string): boolean {
  return row.voidedAt === null && row.from <= day && (row.to === null || day <= row.to);
}

/** The live interval covering `day`, if any. */
export function currentInterval<T extends Dated>(rows: readonly T[], day: string): T | null {
  return rows.find((r) => coversDay(r, day)) ?? null;
}

/** The live interval that has not ended (the one a "change" closes), if any. */
export function openInterval<T extends Dated>(rows: readonly T[]): T | null {
  return rows.find((r) => r.voidedAt === null && r.to === null) ?? null;
}

/** Newest first, voided rows last: how the history tables read. */
export function byNewest<T extends { voidedAt: string | null }>(rows: readonly T[], date: (row: T) => string): T[] {
  return [...rows].sort((a, b) => {
    if ((a.voidedAt === null) !== (b.voidedAt === null)) return a.voidedAt === null ? -1 : 1;
    return date(b).localeCompare(date(a));
  });
}

/** 1.2 MB, 340 KB, 12 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const EXTENSION_MIMES: Record<string, DocumentMime> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };
const MIME_EXTENSIONS: Record<DocumentMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/** The accepted type of a chosen file, from its declared type or else its extension; null if not accepted. */
export function documentMime(file: { name: string; type: string }): DocumentMime | null {
  if ((DOCUMENT_MIMES as readonly string[]).includes(file.type)) return file.type as DocumentMime;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext ? (EXTENSION_MIMES[ext] ?? null) : null;
}

export type FileProblem = 'type' | 'size' | 'empty';

/** Why a chosen file cannot be sent (checked before reading it), or null. */
export function fileProblem(file: { name: string; type: string; size: number }, imagesOnly = false): FileProblem | null {
  const mime = documentMime(file);
  if (mime === null || (imagesOnly && !mime.startsWith('image/'))) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_DOCUMENT_BYTES) return 'size';
  return null;
}

/** A file name for a downloaded document: its title, made safe, with the type's extension. */
export function downloadName(title: string, mime: DocumentMime): string {
  const base = title.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'document';
  const ext = MIME_EXTENSIONS[mime];
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}

/** A title from a file name: the name without its extension. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.[a-z0-9]+$/i, '').slice(0, 100);
}

/** Bytes → base64, in chunks (a 10 MB file would overflow the argument list of one fromCharCode call). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** base64 → bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
