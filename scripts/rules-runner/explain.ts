/** `--explain`: one facts file (JSON or YAML) → the whole Evaluation as JSON. */
import { readFile } from 'node:fs/promises';
import { parseCaseText } from './case-file';
import { isPlainObject } from './values';

export type ExplainInput = { facts: unknown; asOf: string | null };

/**
 * Reads a facts file. A file that is itself a case (`{ facts, asOf }`) is accepted too, so a failing
 * case can be explained without copying its facts out.
 */
export async function readExplainInput(path: string): Promise<ExplainInput> {
  const doc = parseCaseText(await readFile(path, 'utf8'), path);
  if (isPlainObject(doc) && Object.hasOwn(doc, 'facts') && !Object.hasOwn(doc, 'birthDate')) {
    return { facts: doc.facts, asOf: typeof doc.asOf === 'string' ? doc.asOf : null };
  }
  return { facts: doc, asOf: null };
}
