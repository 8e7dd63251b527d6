import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDIT_GUARDS } from '../../../electron/host/edit-guards';

/**
 * Every renderer call of a guarded edit channel sends the version its page read (issue 19.4): the host
 * refuses an edit of an existing part without one, so a call site that forgets it would fail for staff
 * at the first save. Three shapes reach a guarded channel: `call('<channel>', {…})` (the literal must
 * carry `expectedVersion`), a `useServiceForm({ channel: … })` (it must name the `part` it edits, from
 * which the hook sends the version) and a `<… channel="<channel>">` element (it must pass `part=`).
 * A guarded channel named anywhere else in renderer/ is reported too, so a new way of calling one is
 * looked at rather than missed.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const GUARDED = new Set(Object.keys(EDIT_GUARDS));
/** Guarded channels called with an input that edits nothing (a read of the setting). */
const READS: Record<string, string> = { 'backup:settings': 'null', 'settings:idleLock': '{}' };
/**
 * Elements that take a guarded channel and name the part themselves from the row they are given (their
 * own useServiceForm is held to `part` by the rule below, as their file names the channels it takes).
 */
const SELF_VERSIONED = new Set(['EndIntervalModal']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The text from `open` (an opening bracket) to its matching closing bracket, strings skipped. */
function balanced(source: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = source.indexOf(ch, i + 1);
      i = end === -1 ? source.length : end;
      continue;
    }
    if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return source.slice(open, i + 1);
    }
  }
  return source.slice(open);
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

/** Call sites of guarded channels that do not send a version, as `file:line what`. */
function missingVersions(source: string, file = 'x.tsx'): string[] {
  const problems: string[] = [];
  const covered = new Set<number>();
  // call('<channel>', input)
  for (const m of source.matchAll(/\bcall\(\s*'([a-zA-Z]+:[a-zA-Z]+)'\s*,/g)) {
    const channel = m[1]!;
    covered.add(m.index + m[0].indexOf("'"));
    if (!GUARDED.has(channel)) continue;
    const args = balanced(source, m.index + m[0].indexOf('('));
    const input = args.slice(args.indexOf(',') + 1, -1).trim();
    if (READS[channel] === input) continue;
    if (!/\bexpectedVersion\b/.test(input)) problems.push(`${file}:${lineOf(source, m.index)} ${channel} called without expectedVersion`);
  }
  // useServiceForm({ channel: …, part: … })
  for (const m of source.matchAll(/\buseServiceForm(?:<[^(]*>)?\(\s*\{/g)) {
    const options = balanced(source, m.index + m[0].length - 1);
    const start = m.index + m[0].length - 1;
    const named = [...options.matchAll(/'([a-zA-Z]+:[a-zA-Z]+)'/g)];
    for (const n of named) covered.add(start + n.index);
    for (const n of m[0].matchAll(/'([a-zA-Z]+:[a-zA-Z]+)'/g)) {
      covered.add(m.index + n.index);
      named.push(n);
    }
    const channelProp = /\bchannel\s*[:,}]/.test(options);
    const guarded = named.some((n) => GUARDED.has(n[1]!));
    // `channel` given as a variable: the file around it decides; treat it as guarded when the file names one.
    const indirect = channelProp && named.length === 0 && [...source.matchAll(/'([a-zA-Z]+:[a-zA-Z]+)'/g)].some((n) => GUARDED.has(n[1]!));
    if ((guarded || indirect) && !/\bpart\s*[:,]/.test(options)) problems.push(`${file}:${lineOf(source, m.index)} useServiceForm of a guarded channel without part`);
  }
  // <Element channel="<channel>" … part={…}>
  for (const m of source.matchAll(/<([A-Z]\w*)\b/g)) {
    const tag = balancedTag(source, m.index);
    const attr = /\bchannel="([a-zA-Z]+:[a-zA-Z]+)"/.exec(tag);
    if (!attr) continue;
    covered.add(m.index + tag.indexOf('"', attr.index));
    if (GUARDED.has(attr[1]!) && !/\bpart=\{/.test(tag) && !SELF_VERSIONED.has(m[1]!)) problems.push(`${file}:${lineOf(source, m.index)} <${m[1]} channel="${attr[1]}"> without part`);
  }
  // Anywhere else a guarded channel is named in code that could send it (types and label maps aside).
  for (const m of source.matchAll(/'([a-zA-Z]+:[a-zA-Z]+)'/g)) {
    if (!GUARDED.has(m[1]!) || covered.has(m.index)) continue;
    const line = source.split('\n')[lineOf(source, m.index) - 1]!;
    // `const channel = … ? 'a:b' : 'c:d'` handed to a useServiceForm as `channel` (checked above for `part`).
    if (/^\s*const channel\s*=/.test(line) && /\buseServiceForm(?:<[^(]*>)?\(\s*\{[^}]*\bchannel\s*,/.test(source)) continue;
    if (/^\s*(export\s+)?type\s/.test(line) || /Record<\w+Channel,/.test(line) || /ChannelOutput<|ChannelInput</.test(line) || /^\s*\/[/*]|^\s*\*/.test(line)) continue;
    problems.push(`${file}:${lineOf(source, m.index)} ${m[1]} named outside a call, a service form or a channel= element`);
  }
  return problems;
}

/** One JSX opening tag from `<` to its closing `>` (braces in attributes skipped). */
function balancedTag(source: string, open: number): string {
  let depth = 0;
  for (let i = open + 1; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === '{') depth += 1;
    else if (ch === '}') depth -= 1;
    else if (ch === '>' && depth === 0) return source.slice(open, i + 1);
    else if (ch === '<' && depth === 0) return source.slice(open, i);
  }
  return source.slice(open);
}

describe('every renderer edit of a guarded channel sends its version', () => {
  it('finds a call, a service form and an element that send none (the check can fail)', () => {
    expect(missingVersions("await call('users:unlock', { id: u.id });")).toHaveLength(1);
    expect(missingVersions("await call('users:unlock', { id: u.id, expectedVersion: u.version ?? 0 });")).toEqual([]);
    expect(missingVersions("useServiceForm({ channel: 'rehab:voidMeasure', initialValues: { reason: '' } })")).toHaveLength(1);
    expect(missingVersions("useServiceForm({ channel: 'rehab:voidMeasure', part: { entity: 'rehabMeasure', id }, initialValues: {} })")).toEqual([]);
    expect(missingVersions('<ReasonModal channel="autism:void" toInput={(r) => ({ id, r })} />')).toHaveLength(1);
    expect(missingVersions('<ReasonModal channel="autism:void" part={{ entity: \'autismEvent\', id }} />')).toEqual([]);
    expect(missingVersions("call('backup:settings', null)")).toEqual([]);
    expect(missingVersions("const run = () => send('users:setActive', input);")).toHaveLength(1);
    // An append is not guarded.
    expect(missingVersions("await call('rehab:logSession', { childId })")).toEqual([]);
  });

  it('holds for every file in renderer/', () => {
    const problems = sourceFiles(join(ROOT, 'renderer')).flatMap((file) => missingVersions(readFileSync(file, 'utf8'), relative(ROOT, file)));
    expect(problems).toEqual([]);
  });
});
