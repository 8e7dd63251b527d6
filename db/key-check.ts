import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A key check value: HMAC-SHA256 of a fixed label under the database key. Kept beside the wrapped
 * key so that "wrong key" and "damaged file" (both SQLITE_NOTADB) can be told apart without
 * revealing anything about the key.
 */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update('tonghu/key-check/v1').digest('base64');
}

export function keyMatchesCheck(key: Buffer, check: string): boolean {
  const a = Buffer.from(keyCheckValue(key), 'base64');
  const b = Buffer.from(check, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}
