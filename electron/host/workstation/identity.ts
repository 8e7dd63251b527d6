import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { WitnessAlarm } from '../../../shared/contract/desks';
import type { AuditHead } from '../../services/audit/witness';
import type { KeySealer } from '../../services/keys/key-store';

type SealedKey = ReturnType<KeySealer['seal']>;

/** What a workstation keeps on its disk: its certificate, the CA, the host, and its private key sealed. No children's data. */
export type WorkstationIdentity = {
  hostUrl: string;
  workstationId: number;
  name: string;
  certPem: string;
  caPem: string;
  keyPem: string;
};

type IdentityFile = Omit<WorkstationIdentity, 'keyPem'> & { version: 1; sealedKey: SealedKey; enrolledAt: string };

export function workstationDir(dataDir: string): string {
  return join(dataDir, 'workstation');
}

function writePrivate(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function ensureDir(dataDir: string): string {
  const dir = workstationDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function isEnrolled(dataDir: string): boolean {
  return existsSync(join(workstationDir(dataDir), 'identity.json'));
}

/** Saves the identity with its private key sealed like the database key (safeStorage, or the passphrase sealer). */
export function saveIdentity(dataDir: string, sealer: KeySealer, identity: WorkstationIdentity, now: Date): void {
  const dir = ensureDir(dataDir);
  const { keyPem, ...rest } = identity;
  const file: IdentityFile = { version: 1, ...rest, sealedKey: sealer.seal(Buffer.from(keyPem, 'utf8')), enrolledAt: now.toISOString() };
  writePrivate(join(dir, 'identity.json'), JSON.stringify(file, null, 2));
}

/** Reads the identity and unseals its key; throws WrongKeyError when the sealer cannot open it. */
export function loadIdentity(dataDir: string, sealer: KeySealer): WorkstationIdentity | null {
  const path = join(workstationDir(dataDir), 'identity.json');
  if (!existsSync(path)) return null;
  const file = JSON.parse(readFileSync(path, 'utf8')) as IdentityFile;
  const keyPem = sealer.unseal(file.sealedKey).toString('utf8');
  return { hostUrl: file.hostUrl, workstationId: file.workstationId, name: file.name, certPem: file.certPem, caPem: file.caPem, keyPem };
}

/** The audit chain head this desk last saw (its witness), and any alarm it raised. */
export function witnessFiles(dataDir: string) {
  const headFile = join(workstationDir(dataDir), 'witness.json');
  const alarmFile = join(workstationDir(dataDir), 'witness-alarm.json');
  return {
    load: (): AuditHead | null => (existsSync(headFile) ? (JSON.parse(readFileSync(headFile, 'utf8')) as AuditHead) : null),
    save: (head: AuditHead): void => {
      ensureDir(dataDir);
      writePrivate(headFile, JSON.stringify({ count: head.count, hash: head.hash }));
    },
    alarm: (): WitnessAlarm | null => (existsSync(alarmFile) ? (JSON.parse(readFileSync(alarmFile, 'utf8')) as WitnessAlarm) : null),
    raise: (alarm: WitnessAlarm): void => {
      ensureDir(dataDir);
      writePrivate(alarmFile, JSON.stringify(alarm));
    },
  };
}
export type WitnessFiles = ReturnType<typeof witnessFiles>;
