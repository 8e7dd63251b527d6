import { createCipheriv, createDecipheriv, randomBytes, randomInt, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { WrongKeyError } from '../../../db/errors';
import { keyCheckValue, keyMatchesCheck } from '../../../db/key-check';

/** A key wrapped by some sealer; the fields depend on the kind. */
type SealedKey = { kind: 'passphrase' | 'safeStorage'; [field: string]: string | number };

/**
 * Seals and unseals the database key. The Electron shell provides one over `safeStorage`
 * (OS keychain); tests and the browser host use the passphrase sealer below.
 */
export type KeySealer = {
  kind: SealedKey['kind'];
  seal: (key: Buffer) => SealedKey;
  /** Throws WrongKeyError when this sealer cannot unseal the blob (wrong passphrase, other keychain). */
  unseal: (sealed: SealedKey) => Buffer;
};

type KeyStoreFile = {
  version: 1;
  keyCheck: string;
  sealed: SealedKey;
  recovery: ScryptBox;
  createdAt: string;
  /** Set when a start finished an interrupted key change: the new recovery code may never have been shown. */
  recoveryUnseen?: boolean;
  /** The recovery code's first group: which printed code opens this key (and each backup made under it). */
  recoveryId?: string;
  /** The recovery code itself, sealed like the key, until the administrator confirms it was saved. */
  unconfirmedCode?: SealedKey;
  /** The audit chain's head at the last clean shutdown or backup (issue 15: an anchor outside the database). */
  auditAnchor?: AuditAnchor;
  /** Set at a clean shutdown (the database file's size and mtime then), removed when it opens again. */
  cleanShutdown?: CleanShutdown;
};

/** What a clean shutdown left: a start that finds the file otherwise (or no record) checks every page first. */
export type CleanShutdown = { size: number; mtimeMs: number; at: string };

/** An audit chain head recorded outside the database: the hash of row `count` (1-based) and when. */
export type AuditAnchor = { hash: string; count: number; at: string };

/** The recovery box as a backup carries it: the key sealed by the recovery code, never the raw key. */
export type RecoveryEnvelope = { keyCheck: string; recoveryId: string | null; recovery: ScryptBox };

export type ScryptBox = { salt: string; n: number; r: number; p: number; iv: string; tag: string; ct: string };

const SCRYPT = { n: 1 << 15, r: 8, p: 1 };

function scryptKey(secret: string, salt: Buffer, n: number, r: number, p: number): Buffer {
  return scryptSync(secret.normalize('NFKC'), salt, 32, { N: n, r, p, maxmem: 256 * n * r });
}

function boxSeal(secret: string, key: Buffer): ScryptBox {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrapping = scryptKey(secret, salt, SCRYPT.n, SCRYPT.r, SCRYPT.p);
  const cipher = createCipheriv('aes-256-gcm', wrapping, iv);
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    salt: salt.toString('base64'),
    n: SCRYPT.n,
    r: SCRYPT.r,
    p: SCRYPT.p,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

function boxOpen(secret: string, box: ScryptBox, what: string): Buffer {
  const wrapping = scryptKey(secret, Buffer.from(box.salt, 'base64'), box.n, box.r, box.p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapping, Buffer.from(box.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()]);
  } catch {
    throw new WrongKeyError(`${what}不正确，无法解开数据库密钥（数据未被改动）`);
  }
}

/** Wraps the key with a passphrase through scrypt and AES-256-GCM. */
export function passphraseSealer(passphrase: string): KeySealer {
  return {
    kind: 'passphrase',
    seal: (key) => ({ kind: 'passphrase', ...boxSeal(passphrase, key) }),
    unseal: (sealed) => {
      if (sealed.kind !== 'passphrase') throw new WrongKeyError('此数据的密钥由系统钥匙串保管，需要恢复码才能在此打开');
      return boxOpen(passphrase, sealed as unknown as ScryptBox, '数据库口令');
    },
  };
}

const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 25-character recovery code (125 bits) in five groups, without easily confused letters. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 25 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return [0, 5, 10, 15, 20].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** The short id of a recovery code: its first group, as printed on the sheet and shown beside each backup. */
export function recoveryIdOf(code: string): string {
  return normalizeRecoveryCode(code).slice(0, 5);
}

/** Opens a recovery envelope (from the key store or a backup's sidecar) with a typed recovery code. */
export function openRecoveryEnvelope(envelope: RecoveryEnvelope, code: string): Buffer {
  const key = boxOpen(normalizeRecoveryCode(code), envelope.recovery, '恢复码');
  if (!keyMatchesCheck(key, envelope.keyCheck)) throw new WrongKeyError('恢复码解开的密钥与备份记录不符');
  return key;
}

/** Upper-cases, drops separators and maps look-alikes (O→0, I/L→1) so a typed code still matches. */
function normalizeRecoveryCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDir(dirname(file));
}

/** Makes a rename durable: fsync of the folder that holds the entry (best effort where unsupported). */
function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The key file beside the database: the sealed key, the recovery box and the key check value. */
type KeyStore = {
  file: string;
  exists: () => boolean;
  /** Makes a new random key, seals it and returns it with the recovery code (shown once). */
  create: (sealer: KeySealer) => { key: Buffer; recoveryCode: string; keyCheck: string };
  /** The sealer kind this store was written with. */
  sealedKind: () => SealedKey['kind'];
  unlock: (sealer: KeySealer) => { key: Buffer; keyCheck: string };
  unlockWithRecoveryCode: (code: string) => { key: Buffer; keyCheck: string };
  /** Seals the same key again with another sealer (after a recovery, or a move to a new computer). */
  reseal: (key: Buffer, sealer: KeySealer) => void;
  /** Replaces the key (after a rekey): new sealed key, new recovery code, new check value. */
  replace: (key: Buffer, sealer: KeySealer) => { recoveryCode: string; keyCheck: string };
  /**
   * A key change in two steps. `prepare` writes the new key (sealed, with a new recovery box) to
   * `keystore.json.new` beside the current one; `commit` renames it over `keystore.json` once the
   * database has been rekeyed. Until then both keys are kept, so a start after a crash at any point
   * can open the database with whichever key it is under (see rekey.ts).
   */
  pendingFile: string;
  hasPending: () => boolean;
  preparePending: (key: Buffer, sealer: KeySealer) => { recoveryCode: string; keyCheck: string };
  unlockPending: (sealer: KeySealer) => { key: Buffer; keyCheck: string };
  unlockPendingWithRecoveryCode: (code: string) => { key: Buffer; keyCheck: string };
  commitPending: (options?: { recoveryUnseen?: boolean }) => void;
  discardPending: () => void;
  /** Whether the current recovery code may never have been shown (an interrupted key change was finished at start). */
  recoveryUnseen: () => boolean;
  /** The key sealed by the current recovery code, for a backup's sidecar. */
  envelope: () => RecoveryEnvelope;
  /**
   * Writes a key store for `key` sealed by `sealer`, keeping the recovery box it came with (a restore
   * from a backup, or a lost passphrase): the recovery code that opened it stays valid.
   */
  adopt: (key: Buffer, sealer: KeySealer, envelope: RecoveryEnvelope) => void;
  /** The recovery code not yet confirmed by the administrator (unsealed), or null. */
  unconfirmedCode: (sealer: KeySealer) => string | null;
  /** The administrator confirmed the code was saved: the sealed copy is dropped. */
  confirmCode: () => void;
  readAnchor: () => AuditAnchor | null;
  writeAnchor: (anchor: AuditAnchor) => void;
  readCleanShutdown: () => CleanShutdown | null;
  /** Records a clean shutdown, or (null) that the database is open. */
  writeCleanShutdown: (value: CleanShutdown | null) => void;
};

export function createKeyStore(file: string): KeyStore {
  const pendingFile = `${file}.new`;
  const read = (f = file): KeyStoreFile => JSON.parse(readFileSync(f, 'utf8')) as KeyStoreFile;
  const write = (key: Buffer, sealer: KeySealer, recoveryCode: string, target = file): string => {
    const keyCheck = keyCheckValue(key);
    const content: KeyStoreFile = {
      version: 1,
      keyCheck,
      sealed: sealer.seal(key),
      recovery: boxSeal(normalizeRecoveryCode(recoveryCode), key),
      createdAt: new Date().toISOString(),
      recoveryId: recoveryIdOf(recoveryCode),
      unconfirmedCode: sealer.seal(Buffer.from(recoveryCode, 'utf8')),
    };
    writeAtomically(target, JSON.stringify(content, null, 2));
    return keyCheck;
  };
  return {
    file,
    exists: () => existsSync(file),
    create: (sealer) => {
      if (existsSync(file)) throw new Error('key store already exists; refusing to overwrite it');
      const key = randomBytes(32);
      const recoveryCode = newRecoveryCode();
      const keyCheck = write(key, sealer, recoveryCode);
      return { key, recoveryCode, keyCheck };
    },
    sealedKind: () => read().sealed.kind,
    unlock: (sealer) => {
      const store = read();
      return { key: sealer.unseal(store.sealed), keyCheck: store.keyCheck };
    },
    unlockWithRecoveryCode: (code) => {
      const store = read();
      return { key: boxOpen(normalizeRecoveryCode(code), store.recovery, '恢复码'), keyCheck: store.keyCheck };
    },
    reseal: (key, sealer) => {
      const store = read();
      writeAtomically(file, JSON.stringify({ ...store, sealed: sealer.seal(key) }, null, 2));
    },
    replace: (key, sealer) => {
      const recoveryCode = newRecoveryCode();
      const keyCheck = write(key, sealer, recoveryCode);
      return { recoveryCode, keyCheck };
    },
    pendingFile,
    hasPending: () => existsSync(pendingFile),
    preparePending: (key, sealer) => {
      const recoveryCode = newRecoveryCode();
      const keyCheck = write(key, sealer, recoveryCode, pendingFile);
      return { recoveryCode, keyCheck };
    },
    unlockPending: (sealer) => {
      const store = read(pendingFile);
      return { key: sealer.unseal(store.sealed), keyCheck: store.keyCheck };
    },
    unlockPendingWithRecoveryCode: (code) => {
      const store = read(pendingFile);
      return { key: boxOpen(normalizeRecoveryCode(code), store.recovery, '恢复码'), keyCheck: store.keyCheck };
    },
    commitPending: (opts = {}) => {
      if (opts.recoveryUnseen) {
        const store = read(pendingFile);
        writeAtomically(pendingFile, JSON.stringify({ ...store, recoveryUnseen: true }, null, 2));
      }
      renameSync(pendingFile, file);
      syncDir(dirname(file));
    },
    discardPending: () => {
      rmSync(pendingFile, { force: true });
      syncDir(dirname(file));
    },
    recoveryUnseen: () => read().recoveryUnseen === true,
    envelope: () => {
      const store = read();
      return { keyCheck: store.keyCheck, recoveryId: store.recoveryId ?? null, recovery: store.recovery };
    },
    adopt: (key, sealer, envelope) => {
      const keyCheck = keyCheckValue(key);
      if (keyCheck !== envelope.keyCheck) throw new WrongKeyError('恢复码解开的密钥与备份记录不符');
      const content: KeyStoreFile = {
        version: 1,
        keyCheck,
        sealed: sealer.seal(key),
        recovery: envelope.recovery,
        createdAt: new Date().toISOString(),
        ...(envelope.recoveryId ? { recoveryId: envelope.recoveryId } : {}),
      };
      writeAtomically(file, JSON.stringify(content, null, 2));
    },
    unconfirmedCode: (sealer) => {
      const sealed = read().unconfirmedCode;
      if (!sealed) return null;
      try {
        return sealer.unseal(sealed).toString('utf8');
      } catch {
        return null;
      }
    },
    confirmCode: () => {
      const { unconfirmedCode: _dropped, ...rest } = read();
      writeAtomically(file, JSON.stringify(rest, null, 2));
    },
    readAnchor: () => (existsSync(file) ? (read().auditAnchor ?? null) : null),
    writeAnchor: (anchor) => {
      if (!existsSync(file)) return;
      writeAtomically(file, JSON.stringify({ ...read(), auditAnchor: anchor }, null, 2));
    },
    readCleanShutdown: () => (existsSync(file) ? (read().cleanShutdown ?? null) : null),
    writeCleanShutdown: (value) => {
      if (!existsSync(file)) return;
      const { cleanShutdown: _old, ...rest } = read();
      if (value === null && _old === undefined) return;
      writeAtomically(file, JSON.stringify(value === null ? rest : { ...rest, cleanShutdown: value }, null, 2));
    },
  };
}
