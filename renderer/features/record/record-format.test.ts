import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../../shared/contract/record';
import {
  aidRatio,
  base64ToBytes,
  byNewest,
  bytesToBase64,
  coversDay,
  currentInterval,
  documentMime,
  downloadName,
  fileProblem,
  formatPercent,
  formatYuan,
  openInterval,
  yuanToFen,
} from './record-format';

describe('money', () => {
  it('turns yuan typed in a field into whole fen without floating-point drift', () => {
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen(1_234.5)).toBe(123_450);
    expect(yuanToFen('1,234.56')).toBe(123_456);
    expect(yuanToFen(2500)).toBe(250_000);
    expect(yuanToFen(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
  });
  it('reads a blank field as no amount and anything else as not an amount', () => {
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen('  ')).toBeNull();
    expect(yuanToFen('-5')).toBeNaN();
    expect(yuanToFen('1.234')).toBeNaN();
    expect(yuanToFen('abc')).toBeNaN();
  });
  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(123_450)).toBe('¥1,234.50');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(null)).toBe('—');
  });
  it('gives the aided share and never rounds a ratio below 70% up to 70%', () => {
    expect(aidRatio({ eligibleCostFen: 10_000, aidedFen: 7_000 })).toBe(0.7);
    expect(aidRatio({ eligibleCostFen: 0, aidedFen: 0 })).toBeNull();
    expect(formatPercent(0.69999)).toBe('69.9%');
    expect(formatPercent(0.7)).toBe('70%');
  });
});

describe('intervals', () => {
  const rows = [
    { id: 1, from: '2020-01-01', to: '2022-05-31', voidedAt: null },
    { id: 2, from: '2022-06-01', to: null, voidedAt: null },
    { id: 3, from: '2023-01-01', to: null, voidedAt: '2023-02-01T00:00:00Z' },
  ];
  it('counts both ends of an interval and never a voided one', () => {
    expect(coversDay(rows[0], '2022-05-31')).toBe(true);
    expect(coversDay(rows[0], '2022-06-01')).toBe(false);
    expect(coversDay(rows[2], '2023-01-15')).toBe(false);
    expect(currentInterval(rows, '2022-05-31')?.id).toBe(1);
    expect(currentInterval(rows, '2024-01-01')?.id).toBe(2);
    expect(currentInterval(rows, '2019-01-01')).toBeNull();
  });
  it('finds the open interval a change would close, skipping voided rows', () => {
    expect(openInterval(rows)?.id).toBe(2);
    expect(openInterval(rows.slice(0, 1))).toBeNull();
  });
  it('lists newest first with voided rows last', () => {
    expect(byNewest(rows, (r) => r.from).map((r) => r.id)).toEqual([2, 1, 3]);
  });
});

describe('files', () => {
  it('accepts JPEG, PNG and PDF by type or extension, and nothing else', () => {
    expect(documentMime({ name: 'a.bin', type: 'image/png' })).toBe('image/png');
    expect(documentMime({ name: 'scan.JPG', type: '' })).toBe('image/jpeg');
    expect(documentMime({ name: 'report.pdf', type: '' })).toBe('application/pdf');
    expect(documentMime({ name: 'notes.txt', type: 'text/plain' })).toBeNull();
    expect(documentMime({ name: 'photo.heic', type: 'image/heic' })).toBeNull();
  });
  it('refuses before sending a file of an unknown type, an empty one, or one over the limit', () => {
    expect(fileProblem({ name: 'a.txt', type: 'text/plain', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: MAX_DOCUMENT_BYTES + 1 })).toBe('size');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: MAX_DOCUMENT_BYTES })).toBeNull();
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 }, true)).toBe('type');
    expect(fileProblem({ name: 'a.png', type: 'image/png', size: 10 }, true)).toBeNull();
  });
  it('names a download from its title with the right extension', () => {
    expect(downloadName('户口簿/首页', 'image/jpeg')).toBe('户口簿_首页.jpg');
    expect(downloadName('report.pdf', 'application/pdf')).toBe('report.pdf');
  });
  it('round-trips bytes through base64, large files included', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const base64 = bytesToBase64(bytes);
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    expect(base64ToBytes(base64)).toEqual(bytes);
  });
});
