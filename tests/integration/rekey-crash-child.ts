/**
 * Child process for rekey-crash.test.ts: opens the data folder given in argv and changes the key,
 * printing "prepared" (keystore.json.new written) and "rekeyed" (database rekeyed) as it goes, so
 * the parent can kill it at a random moment. Not a test file itself.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore } from '../../electron/services/app/app-core';
import { systemClock } from '../../electron/services/core/clock';
import { passphraseSealer } from '../../electron/services/keys/key-store';

const [dataDir, passphrase] = process.argv.slice(2);
const core = createAppCore({
  dataDir: dataDir!,
  keyMode: 'passphrase',
  sealer: passphraseSealer(passphrase!),
  clock: systemClock,
  migrationsDir: join(import.meta.dirname, '..', '..', 'db', 'migrations'),
});
if (core.phase() !== 'ready') {
  writeSync(1, `not-ready ${core.problem()?.code}\n`);
  process.exit(2);
}
writeSync(1, 'opened\n');
core.changeKey({
  afterPrepare: () => writeSync(1, `prepared ${performance.now()}\n`),
  afterRekey: () => writeSync(1, `rekeyed ${performance.now()}\n`),
});
writeSync(1, 'committed\n');
core.close();
