import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../services/core/clock';
import { passphraseSealer } from '../services/keys/key-store';
import { createLogger } from '../services/core/logger';
import { createAppHost } from './app-host';
import { startBrowserHost } from './browser-host';
import { promptHidden } from './prompt';
import { createWorkstationHost } from './workstation/workstation-host';
import { createInstallDispatch } from './workstation/install-dispatch';

const log = createLogger('host-cli');
const root = resolve(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      'demo-children': { type: 'string' },
      /** Run as a workstation of the data host at this address (its enrolled identity in the data folder). */
      connect: { type: 'string' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? join(root, '.tonghu-data'));
  let passphrase = process.env.TONGHU_PASSPHRASE ?? null;
  if (!passphrase && process.stdin.isTTY) {
    passphrase = (await promptHidden('数据库口令 (database passphrase; empty = ask in the page): ')) || null;
  }
  const rendererDir = values['renderer-dir'] ?? join(root, 'out', 'renderer');
  const port = values.port ? Number(values.port) : undefined;
  if (values.connect !== undefined) {
    if (!passphrase) throw new Error('a workstation needs TONGHU_PASSPHRASE (it seals this desk\'s private key)');
    const desk = createWorkstationHost({ dataDir, sealer: passphraseSealer(passphrase), hostHint: values.connect.replace(/^https:\/\//, '').replace(/\/$/, '') });
    const host = await startBrowserHost({ router: { dispatch: desk.dispatch }, events: desk.events }, { rendererDir, port });
    process.stdout.write(`Tonghu browser host: ${host.url}\n`);
    log.info('workstation listening', { port: host.port, enrolled: desk.status().enrolled });
    const stopDesk = async () => {
      await host.close();
      desk.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stopDesk());
    process.on('SIGTERM', () => void stopDesk());
    return;
  }
  const app = createAppHost({
    dataDir,
    keyMode: 'passphrase',
    sealer: passphrase ? passphraseSealer(passphrase) : null,
    clock: systemClock,
    migrationsDir: join(root, 'db', 'migrations'),
    demoChildren: values['demo-children'] ? Number(values['demo-children']) : undefined,
  });
  const problem = app.core.problem();
  if (problem) process.stderr.write(`Tonghu: ${problem.message}\n`);
  // A fresh folder may become a workstation from its first-run page (连接本院数据主机) instead of being set up.
  const install = createInstallDispatch(app, { dataDir, sealer: passphrase ? passphraseSealer(passphrase) : null });
  const host = await startBrowserHost({ router: { dispatch: install.dispatch }, events: install.events }, { rendererDir, port });
  process.stdout.write(`Tonghu browser host: ${host.url}\n`);
  log.info('listening', { port: host.port, phase: app.core.phase() });
  const stop = async () => {
    await host.close();
    install.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Tonghu browser host failed: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
