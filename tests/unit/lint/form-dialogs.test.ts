import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Nothing typed is discarded without asking (issue 18, item 1): a dialog that holds a field is built on
 * FormModal or GuardedModal (which ask before Esc, ×, outside or 取消 throw the fields away). A plain
 * Mantine `<Modal>` is only for dialogs that show something and hold no field, or that cannot be
 * closed at all (the lock screen: no ×, no Esc, no click outside).
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const FIELD = /<(form|TextInput|Textarea|PasswordInput|NumberInput|Select|MultiSelect|Autocomplete|DateField|Checkbox|Radio|Switch|FileInput|SegmentedControl)\b/;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith('.tsx') && !name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** Every `<Modal …>…</Modal>` block in a file, with the line it starts on. */
function plainModals(source: string): { line: number; body: string }[] {
  const found: { line: number; body: string }[] = [];
  const open = /<Modal[\s>]/g;
  for (let m = open.exec(source); m; m = open.exec(source)) {
    const end = source.indexOf('</Modal>', m.index);
    found.push({ line: source.slice(0, m.index).split('\n').length, body: source.slice(m.index, end === -1 ? undefined : end) });
  }
  return found;
}

const cannotClose = (body: string) => ['withCloseButton={false}', 'closeOnEscape={false}', 'closeOnClickOutside={false}'].every((p) => body.includes(p));

describe('form dialogs ask before discarding', () => {
  it('finds a field inside a plain Modal (the check can fail)', () => {
    expect(plainModals('<Modal opened onClose={x}><TextInput label="a" /></Modal>').some((m) => FIELD.test(m.body))).toBe(true);
    expect(plainModals('<Modal opened onClose={x}><Text>看</Text></Modal>').some((m) => FIELD.test(m.body))).toBe(false);
  });

  it('no plain Mantine Modal in renderer/features holds a field', () => {
    const offenders = tsxFiles(join(ROOT, 'renderer/features')).flatMap((file) =>
      plainModals(readFileSync(file, 'utf8'))
        .filter((m) => FIELD.test(m.body) && !cannotClose(m.body))
        .map((m) => `${relative(ROOT, file)}:${m.line}`),
    );
    expect(offenders).toEqual([]);
  });
});
