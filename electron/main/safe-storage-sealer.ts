import type { SafeStorage } from 'electron';
import { WrongKeyError } from '../../db/errors';
import type { KeySealer } from '../services/keys/key-store';

/** The part of Electron's `safeStorage` the sealer uses; tests pass a fake. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** How the database key is kept on this machine. */
export type KeyProtection = { keyMode: 'passphrase' | 'safeStorage'; sealer: KeySealer | null };

/**
 * Linux backends that are not a real keychain: `basic_text` stores the secret with a hard-coded
 * password, and `unknown` means the backend could not be determined. Either way the key would be
 * only obfuscated, so the person chooses a passphrase instead.
 */
const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/** Seals the key with the OS keychain (Keychain, DPAPI, libsecret/kwallet). Call after `app` is ready. */
export function safeStorageSealer(safeStorage: SafeStorageLike): KeySealer {
  return {
    kind: 'safeStorage',
    seal: (key) => ({ kind: 'safeStorage', blob: safeStorage.encryptString(key.toString('base64')).toString('base64') }),
    unseal: (sealed) => {
      if (sealed.kind !== 'safeStorage' || typeof sealed.blob !== 'string') {
        throw new WrongKeyError('此数据的密钥不是由系统钥匙串保管的，请输入数据库口令或恢复码');
      }
      let key: Buffer;
      try {
        key = Buffer.from(safeStorage.decryptString(Buffer.from(sealed.blob, 'base64')), 'base64');
      } catch {
        throw new WrongKeyError('系统钥匙串无法解开数据库密钥（可能换了电脑或用户），请输入恢复码');
      }
      if (key.length !== 32) throw new WrongKeyError('系统钥匙串解开的密钥无效，请输入恢复码');
      return key;
    },
  };
}

/**
 * Chooses the key protection for this machine: the OS keychain where a real one exists, otherwise
 * no sealer and keyMode 'passphrase', so the first-run and unlock pages ask for a passphrase.
 */
export function chooseKeyProtection(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyProtection {
  let available = false;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return { keyMode: 'passphrase', sealer: null };
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (INSECURE_LINUX_BACKENDS.has(backend)) return { keyMode: 'passphrase', sealer: null };
  }
  return { keyMode: 'safeStorage', sealer: safeStorageSealer(safeStorage) };
}
