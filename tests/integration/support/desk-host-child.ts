/**
 * A data host in its own process (for the kill -9 test): opens the data folder with the test
 * passphrase; the listener comes back on by itself because it was on. Prints `ready` once listening.
 */
import { createAppHost } from '../../../electron/host/app-host';
import { systemClock } from '../../../electron/services/core/clock';
import { passphraseSealer } from '../../../electron/services/keys/key-store';
import { MIGRATIONS_DIR } from '../../helpers/temp-db';

const dataDir = process.argv[2];
const app = createAppHost({ dataDir, keyMode: 'passphrase', sealer: passphraseSealer(process.env.TONGHU_TEST_PASSPHRASE ?? ''), clock: systemClock, migrationsDir: MIGRATIONS_DIR });
const wait = setInterval(() => {
  const ports = app.desks.ports();
  if (ports) {
    clearInterval(wait);
    process.stdout.write(`ready ${ports.data}\n`);
  }
}, 20);
process.on('SIGTERM', () => {
  void app.desks.shutdown().then(() => {
    app.close();
    process.exit(0);
  });
});
