/**
 * Our own Electron checks, for what electronegativity does not cover (issue 7, item 7). Static analysis
 * of the source text with the TypeScript compiler API; run by scripts/check-electron-security.ts.
 *
 * 1. IPC sender check: every `ipcMain.handle/on/…` (and `webContents.ipc.…`) call in electron/ lies inside
 *    `registerInvokeHandler` in electron/main/ipc.ts, whose listener goes through `createInvokeHandler`,
 *    which calls `isTrustedUrl` on the sender frame before it calls `dispatch`.
 * 2. Preload: exactly one `contextBridge.exposeInMainWorld('api', …)`, whose object has one member
 *    `invoke` calling `ipcRenderer.invoke` on a fixed channel, plus any named event members `onX` (the change
 *    feed's `onChange`), each subscribing with `ipcRenderer.on` on a fixed channel through a handler of its own
 *    that drops the IpcRendererEvent (so the page never gets `sender` or the raw ipcRenderer), and returning an
 *    unsubscribe that removes that same handler; no other use of ipcRenderer or contextBridge.
 * 3. Fuses in electron-builder.yml: run-as-node off, NODE_OPTIONS off, --inspect off, asar integrity on,
 *    app only from the asar.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';

export type SourceFile = { path: string; text: string };
export type OwnCheckResult = { name: string; ok: boolean; checked: string; violations: string[] };

/** The listener-registering methods of ipcMain (and of webContents.ipc / IpcMainServiceWorker). */
const IPC_METHODS = new Set(['handle', 'handleOnce', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const REGISTER_FUNCTION = 'registerInvokeHandler';
const HANDLER_FACTORY = 'createInvokeHandler';
const SENDER_CHECK = 'isTrustedUrl';
export const IPC_ADAPTER_FILE = 'electron/main/ipc.ts';

function parseSource(file: SourceFile): ts.SourceFile {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.ES2022, true, kind);
}

function where(sf: ts.SourceFile, node: ts.Node): string {
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${sf.fileName}:${line + 1}`;
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The name of the nearest enclosing named function (declaration, or a function assigned to a const). */
function enclosingFunctionName(node: ts.Node): string | null {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) {
      return n.parent.name.text;
    }
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  }
  return null;
}

/** The outermost named function a node lies in (so an arrow inside registerInvokeHandler counts as inside it). */
function outerFunctionNames(node: ts.Node): string[] {
  const names: string[] = [];
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    const name = enclosingFunctionName(n);
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** `ipcMain.x`, `electron.ipcMain.x`, `something.ipc.x` (webContents.ipc): the receiver is an IPC listener registry. */
function isIpcReceiver(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'ipcMain';
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text === 'ipcMain' || expression.name.text === 'ipc';
  return false;
}

function functionNamed(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | null {
  let found: ts.FunctionLikeDeclaration | null = null;
  walk(sf, (n) => {
    if (found) return;
    if (ts.isFunctionDeclaration(n) && n.name?.text === name) found = n;
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) {
      if (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)) found = n.initializer;
    }
  });
  return found;
}

function callsTo(node: ts.Node, name: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  walk(node, (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) calls.push(n);
  });
  return calls;
}

/**
 * Check 1: no IPC listener is registered except through the sender-checked adapter.
 * `files` are electron/ sources (paths relative to the project root, tests left out).
 */
export function checkIpcSenderCheck(files: SourceFile[]): OwnCheckResult {
  const violations: string[] = [];
  let registrations = 0;
  for (const file of files) {
    const sf = parseSource(file);
    walk(sf, (n) => {
      // Any member of ipcMain read outside the adapter: a call, a destructuring, a method passed around.
      if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && isIpcReceiver(n.expression)) {
        const member = ts.isPropertyAccessExpression(n) ? n.name.text : n.argumentExpression.getText(sf);
        // `x.ipc` with a non-listener member (e.g. `process.ipc`) is not our concern; ipcMain's every member is.
        const isIpcMain = ts.isIdentifier(n.expression) ? n.expression.text === 'ipcMain' : (n.expression as ts.PropertyAccessExpression).name.text === 'ipcMain';
        if (!isIpcMain && !IPC_METHODS.has(member)) return;
        const inside = file.path === IPC_ADAPTER_FILE && outerFunctionNames(n).includes(REGISTER_FUNCTION);
        if (!inside) {
          violations.push(`${where(sf, n)}: ${n.getText(sf)} outside ${REGISTER_FUNCTION} (${IPC_ADAPTER_FILE}) bypasses the sender check`);
        } else if (IPC_METHODS.has(member)) {
          registrations += 1;
        }
      }
      if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isIpcReceiver(n.initializer)) {
        violations.push(`${where(sf, n)}: destructures ${n.initializer.getText(sf)} (its methods would escape the sender check)`);
      }
    });
  }

  const adapter = files.find((f) => f.path === IPC_ADAPTER_FILE);
  if (!adapter) {
    violations.push(`${IPC_ADAPTER_FILE} not found: the sender-checked adapter is missing`);
  } else {
    const sf = parseSource(adapter);
    const register = functionNamed(sf, REGISTER_FUNCTION);
    const factory = functionNamed(sf, HANDLER_FACTORY);
    if (!register) violations.push(`${IPC_ADAPTER_FILE}: no function ${REGISTER_FUNCTION}`);
    if (!factory) violations.push(`${IPC_ADAPTER_FILE}: no function ${HANDLER_FACTORY}`);
    if (register && factory) {
      // The factory checks the sender (isTrustedUrl) and only after that hands the request to dispatch.
      const checks = callsTo(factory, SENDER_CHECK);
      const dispatches = callsTo(factory, 'dispatch');
      if (checks.length === 0) violations.push(`${where(sf, factory)}: ${HANDLER_FACTORY} never calls ${SENDER_CHECK}`);
      if (dispatches.length === 0) violations.push(`${where(sf, factory)}: ${HANDLER_FACTORY} never calls dispatch`);
      if (checks.length > 0 && dispatches.some((d) => d.getStart(sf) < checks[0]!.getStart(sf))) {
        violations.push(`${where(sf, dispatches[0]!)}: dispatch is called before the sender check`);
      }
      if (checks.length > 0) {
        const guard = checks[0]!;
        let inIf = false;
        for (let p: ts.Node | undefined = guard.parent; p && p !== factory; p = p.parent) {
          if (ts.isIfStatement(p) && p.expression.getStart(sf) <= guard.getStart(sf) && guard.getEnd() <= p.expression.getEnd()) {
            inIf = /\breturn\b/.test(p.thenStatement.getText(sf));
            break;
          }
        }
        if (!inIf) violations.push(`${where(sf, guard)}: ${SENDER_CHECK} is called but does not guard a return (an untrusted sender would go on)`);
      }
      // Every listener registered in registerInvokeHandler calls the handler the factory made.
      const made = new Set<string>();
      walk(register, (n) => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isCallExpression(n.initializer)) {
          if (ts.isIdentifier(n.initializer.expression) && n.initializer.expression.text === HANDLER_FACTORY) made.add(n.name.text);
        }
      });
      if (made.size === 0) violations.push(`${where(sf, register)}: ${REGISTER_FUNCTION} does not build its listener with ${HANDLER_FACTORY}`);
      walk(register, (n) => {
        if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
        if (!isIpcReceiver(n.expression.expression) || !IPC_METHODS.has(n.expression.name.text)) return;
        const listener = n.arguments[1];
        const usesHandler =
          listener !== undefined &&
          ((ts.isIdentifier(listener) && made.has(listener.text)) || [...made].some((name) => callsTo(listener, name).length > 0));
        if (!usesHandler) violations.push(`${where(sf, n)}: the listener of ${n.expression.getText(sf)} does not go through ${HANDLER_FACTORY}`);
      });
    }
  }
  if (registrations === 0 && adapter) violations.push(`no ipcMain registration found in ${REGISTER_FUNCTION}: the check would prove nothing`);
  return {
    name: 'ipc sender check',
    ok: violations.length === 0,
    checked: `${files.length} files in electron/: ${registrations} ipcMain registration(s), all inside ${REGISTER_FUNCTION} → ${HANDLER_FACTORY} → ${SENDER_CHECK} before dispatch`,
    violations,
  };
}

/** Unwraps `x satisfies T`, `x as T`, `(x)`. */
function unwrap(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

const EVENT_METHODS = new Set(['on', 'removeListener']);
/** A named event member of the api: `onChange`, … */
const EVENT_MEMBER = /^on[A-Z]\w*$/;

/** A channel argument the page cannot choose: a literal, or an identifier that is not a parameter. */
function isFixedChannel(channel: ts.Expression | undefined, params: Set<string>): boolean {
  return channel !== undefined && (ts.isStringLiteralLike(channel) || (ts.isIdentifier(channel) && !params.has(channel.text)));
}

/**
 * A named event member: `onX: (listener) => { const handler = (_event, payload) => listener(payload);
 * ipcRenderer.on(FIXED, handler); return () => ipcRenderer.removeListener(FIXED, handler); }`. The page's
 * listener is never handed to ipcRenderer itself (it would receive the IpcRendererEvent, whose `sender` is
 * the raw ipcRenderer), and the handler never passes its event parameter on.
 */
function checkEventMember(sf: ts.SourceFile, property: ts.ObjectLiteralElementLike, name: string, eventCalls: Map<ts.CallExpression, string>): string[] {
  const out: string[] = [];
  const fn = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : ts.isMethodDeclaration(property) ? property : undefined;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn))) {
    return [`${where(sf, property)}: '${name}' is not a function literal (${property.getText(sf).slice(0, 80)})`];
  }
  const params = new Set(fn.parameters.map((p) => p.name.getText(sf)));
  const handlers = new Map<string, ts.Expression>();
  const calls: { method: string; call: ts.CallExpression }[] = [];
  walk(fn, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) handlers.set(n.name.text, unwrap(n.initializer));
    if (ts.isCallExpression(n) && eventCalls.has(n)) calls.push({ method: (n.expression as ts.PropertyAccessExpression).name.text, call: n });
  });
  const ons = calls.filter((c) => c.method === 'on');
  const offs = calls.filter((c) => c.method === 'removeListener');
  if (ons.length !== 1 || offs.length !== 1) {
    out.push(`${where(sf, fn)}: '${name}' should call ipcRenderer.on and ipcRenderer.removeListener once each, calls them ${ons.length} and ${offs.length} times`);
  }
  const checked = new Set<ts.Node>();
  for (const { method, call } of calls) {
    eventCalls.delete(call);
    const [channel, listener] = call.arguments;
    if (!isFixedChannel(channel, params)) out.push(`${where(sf, call)}: ipcRenderer.${method}'s channel must be fixed, not chosen by the page (${channel?.getText(sf) ?? 'none'})`);
    const handler = listener && ts.isIdentifier(listener) && !params.has(listener.text) ? handlers.get(listener.text) : undefined;
    if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) {
      out.push(`${where(sf, call)}: ipcRenderer.${method} must take a handler declared in '${name}', not the page's listener (${listener?.getText(sf) ?? 'none'})`);
      continue;
    }
    if (checked.has(handler)) continue;
    checked.add(handler);
    const event = handler.parameters[0]?.name;
    let leaks = false;
    if (event && ts.isIdentifier(event)) {
      walk(handler.body, (n) => {
        if (ts.isIdentifier(n) && n.text === event.text) leaks = true;
      });
    } else if (event) leaks = true;
    if (leaks) out.push(`${where(sf, handler)}: the handler in '${name}' passes on or unpacks the IpcRendererEvent`);
  }
  if (ons[0] && offs[0]) {
    const same = (i: number) => ons[0]!.call.arguments[i]?.getText(sf) === offs[0]!.call.arguments[i]?.getText(sf);
    if (!same(0) || !same(1)) out.push(`${where(sf, offs[0].call)}: '${name}' removes a different channel or handler than it added`);
  }
  return out;
}

/** Check 2: the preload exposes one key `api` holding `invoke` over one fixed channel, plus named events. */
export function checkPreloadSurface(files: SourceFile[]): OwnCheckResult {
  const violations: string[] = [];
  const exposures: { sf: ts.SourceFile; call: ts.CallExpression }[] = [];
  /** Every ipcRenderer.on/removeListener call, until an event member accounts for it. */
  const eventCalls = new Map<ts.CallExpression, string>();
  for (const file of files) {
    const sf = parseSource(file);
    walk(sf, (n) => {
      if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'contextBridge') {
        const member = ts.isPropertyAccessExpression(n) ? n.name.text : n.argumentExpression.getText(sf);
        const call = n.parent;
        if (member === 'exposeInMainWorld' && ts.isCallExpression(call) && call.expression === n) exposures.push({ sf, call });
        else violations.push(`${where(sf, n)}: ${n.getText(sf)} (only contextBridge.exposeInMainWorld('api', …) is allowed)`);
      }
      if (ts.isIdentifier(n) && n.text === 'ipcRenderer' && !ts.isImportSpecifier(n.parent)) {
        const p = n.parent;
        const called = ts.isPropertyAccessExpression(p) && p.expression === n && ts.isCallExpression(p.parent) && p.parent.expression === p;
        const method = called ? (p as ts.PropertyAccessExpression).name.text : '';
        // on/removeListener are admitted only inside a named event member, checked below.
        if (called && EVENT_METHODS.has(method)) eventCalls.set(p.parent as ts.CallExpression, `${where(sf, n)}: ipcRenderer.${method} outside a named event member (onX) of the api`);
        else if (method !== 'invoke') violations.push(`${where(sf, n)}: ipcRenderer used other than as ipcRenderer.invoke(…): ${p.getText(sf).slice(0, 80)}`);
      }
    });
  }
  if (exposures.length !== 1) {
    violations.push(`contextBridge.exposeInMainWorld is called ${exposures.length} times; exactly one (key 'api') is allowed`);
  }
  let members: string[] = [];
  for (const { sf, call } of exposures) {
    const [keyArg, valueArg] = call.arguments;
    if (!keyArg || !ts.isStringLiteralLike(keyArg) || keyArg.text !== 'api') {
      violations.push(`${where(sf, call)}: exposes key ${keyArg ? keyArg.getText(sf) : '(none)'}; only 'api' is allowed`);
    }
    let object: ts.Expression | undefined = valueArg ? unwrap(valueArg) : undefined;
    if (object && ts.isIdentifier(object)) {
      const name = object.text;
      let init: ts.Expression | undefined;
      walk(sf, (n) => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) init = n.initializer;
      });
      object = init ? unwrap(init) : undefined;
      // A `let` could be reassigned or mutated later: only a const object literal can be judged statically.
      walk(sf, (n) => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
          let target: ts.Expression = n.left;
          for (;;) {
            const inner = unwrap(target);
            if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) target = inner.expression;
            else {
              target = inner;
              break;
            }
          }
          if (ts.isIdentifier(target) && target.text === name) violations.push(`${where(sf, n)}: the exposed object is changed after its declaration`);
        }
      });
    }
    if (!object || !ts.isObjectLiteralExpression(object)) {
      violations.push(`${where(sf, call)}: the exposed value is not an object literal the check can read`);
      continue;
    }
    members = [];
    for (const property of object.properties) {
      if (ts.isSpreadAssignment(property)) {
        violations.push(`${where(sf, property)}: a spread in the exposed object (${property.getText(sf)}) can expose anything`);
        continue;
      }
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) ? property.name.text : property.name?.getText(sf) ?? '?';
      members.push(name);
      if (EVENT_MEMBER.test(name)) {
        violations.push(...checkEventMember(sf, property, name, eventCalls));
        continue;
      }
      if (name !== 'invoke') {
        violations.push(`${where(sf, property)}: exposes '${name}'; the api may hold only 'invoke' and named events (onX)`);
        continue;
      }
      const fn = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : ts.isMethodDeclaration(property) ? property : undefined;
      if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn))) {
        violations.push(`${where(sf, property)}: 'invoke' is not a function literal (${property.getText(sf).slice(0, 80)})`);
        continue;
      }
      const params = new Set(fn.parameters.map((p) => p.name.getText(sf)));
      const invokes: ts.CallExpression[] = [];
      walk(fn, (n) => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.getText(sf) === 'ipcRenderer.invoke') invokes.push(n);
      });
      if (invokes.length !== 1) violations.push(`${where(sf, fn)}: 'invoke' should call ipcRenderer.invoke exactly once, calls it ${invokes.length} times`);
      for (const inv of invokes) {
        const channel = inv.arguments[0];
        if (!isFixedChannel(channel, params)) violations.push(`${where(sf, inv)}: ipcRenderer.invoke's channel must be fixed, not chosen by the page (${channel?.getText(sf) ?? 'none'})`);
      }
    }
  }
  violations.push(...eventCalls.values());
  return {
    name: 'preload surface',
    ok: violations.length === 0,
    checked: `${files.length} preload file(s): ${exposures.length} exposeInMainWorld call(s), window.api members [${members.join(', ')}]`,
    violations,
  };
}

/** The fuses the packaged binary must carry (electron-builder's `electronFuses`). */
export const REQUIRED_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};

/** Check 3: electron-builder.yml sets every required fuse to its safe value. */
export function checkFuses(yamlText: string, path = 'electron-builder.yml'): OwnCheckResult {
  const violations: string[] = [];
  let config: unknown;
  try {
    config = parseYaml(yamlText);
  } catch (error) {
    return { name: 'fuses', ok: false, checked: path, violations: [`${path}: not valid YAML (${String(error)})`] };
  }
  const fuses = (config as { electronFuses?: unknown } | null)?.electronFuses;
  if (!fuses || typeof fuses !== 'object') {
    violations.push(`${path}: no electronFuses section`);
  } else {
    for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) {
      const actual = (fuses as Record<string, unknown>)[fuse];
      if (actual !== wanted) violations.push(`${path}: electronFuses.${fuse} is ${actual === undefined ? 'not set' : JSON.stringify(actual)}, must be ${wanted}`);
    }
  }
  return {
    name: 'fuses',
    ok: violations.length === 0,
    checked: `${path}: ${Object.entries(REQUIRED_FUSES)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    violations,
  };
}

function sourcesUnder(root: string, dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const visit = (d: string) => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(p);
      } else if (/\.(c|m)?tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) && !/\.(test|spec)\.[cm]?tsx?$/.test(entry.name)) {
        out.push({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
      }
    }
  };
  visit(join(root, dir));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Runs all three checks on the project at `root`. */
export function runOwnChecks(root: string): OwnCheckResult[] {
  const builder = join(root, 'electron-builder.yml');
  return [
    checkIpcSenderCheck(sourcesUnder(root, 'electron')),
    checkPreloadSurface(sourcesUnder(root, 'electron/preload')),
    existsSync(builder)
      ? checkFuses(readFileSync(builder, 'utf8'))
      : { name: 'fuses', ok: false, checked: 'electron-builder.yml', violations: ['electron-builder.yml not found'] },
  ];
}

/** One line per check, then its violations indented. */
export function formatOwnChecks(results: OwnCheckResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.ok ? 'ok  ' : 'FAIL'} own check: ${r.name} — ${r.checked}`);
    for (const v of r.violations) lines.push(`       ${v}`);
  }
  return lines;
}
