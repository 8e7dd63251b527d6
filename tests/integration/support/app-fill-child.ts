/**
 * The app-level disk-full writer (tests/integration/fault-disk-full.test.ts), run inside a private mount
 * namespace as `node --import tsx tests/integration/support/app-fill-child.ts <fill|verify> <dataDir>`.
 * `fill`: sets the app up in dataDir, signs in and registers children through the router until a save
 * fails, then tries the reads a person would try next. `verify`: opens the app again and lists the children.
 * Each prints one line `result <mode> {json}`.
 */
import type { ChildSummary } from '../../../shared/contract/children';
import type { Result } from '../../../shared/contract/errors';
import { ADMIN, makeHost, setupAndLogin } from './host';

const [mode, dataDir] = process.argv.slice(2);
if (!dataDir || (mode !== 'fill' && mode !== 'verify')) {
  process.stderr.write('usage: app-fill-child.ts <fill|verify> <dataDir>\n');
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const brief = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

async function listIds(host: ReturnType<typeof makeHost>, connection: string): Promise<{ code: string; total: number; ids: number[] }> {
  const r = await host.router.dispatch(connection, 'children:list', { status: null, limit: 500, sort: 'createdAt' });
  if (!r.ok) return { code: r.error.code, total: -1, ids: [] };
  const { total, rows } = r.value as { total: number; rows: ChildSummary[] };
  return { code: 'ok', total, ids: rows.map((c) => c.id).sort((a, b) => a - b) };
}

const host = makeHost(dataDir);
if (mode === 'fill') {
  await setupAndLogin(host);
  const committed: number[] = [];
  let failure: { code: string; message: string } | null = null;
  for (let n = 1; n < 100_000 && failure === null; n += 1) {
    const r = await host.router.dispatch('c1', 'children:create', {
      name: `磁盘满测试儿童${n}`,
      sex: n % 2 === 0 ? 'female' : 'male',
      birthDate: '2015-06-01',
      idNumber: null,
    });
    if (r.ok) committed.push((r.value as ChildSummary).id);
    else failure = { code: r.error.code, message: r.error.message };
  }
  // What a person does next: look at the list, search, open a child's page.
  const list = await listIds(host, 'c1');
  const search = await host.router.dispatch('c1', 'children:list', { query: '磁盘满测试儿童1' });
  const get = await host.router.dispatch('c1', 'children:get', { id: committed[0] });
  let closed = true;
  try {
    host.close();
  } catch {
    closed = false;
  }
  say(`result fill ${JSON.stringify({ committed, failure, list, search: brief(search), get: brief(get), closed })}`);
} else {
  const status = host.core.phase();
  const login = await host.router.dispatch('c2', 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  const list = await listIds(host, 'c2');
  try {
    host.close();
  } catch {
    // A checkpoint on a full disk may fail; the WAL keeps the data.
  }
  say(`result verify ${JSON.stringify({ status, login: brief(login), list })}`);
}
