/** Turns command-line arguments (files or folders) into the case files to run, folders walked recursively. */
import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

export const CASE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export type Target = { kind: 'file'; path: string; display: string } | { kind: 'error'; display: string; error: string };

/** How a path is shown in the report: relative to `cwd` when inside it, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return shown.split(sep).join('/');
}

function isCaseFile(name: string): boolean {
  return (CASE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (entry.isFile() && isCaseFile(entry.name)) found.push(full);
  }
  return found;
}

/** The case files named by `args`, in argument order; each folder's files sorted by path. */
export async function collectTargets(args: readonly string[], cwd: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (const arg of args) {
    const path = isAbsolute(arg) ? arg : join(cwd, arg);
    const display = displayPath(path, cwd);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      targets.push({ kind: 'error', display, error: `cannot read: ${(error as Error).message}` });
      continue;
    }
    if (!info.isDirectory()) {
      targets.push({ kind: 'file', path, display });
      continue;
    }
    const files = (await walk(path)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (files.length === 0) {
      targets.push({ kind: 'error', display, error: 'no .yaml, .yml or .json case files in this folder' });
    }
    for (const file of files) targets.push({ kind: 'file', path: file, display: displayPath(file, cwd) });
  }
  return targets;
}
