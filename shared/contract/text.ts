/**
 * What free text may hold, in one place for every text field of the contract: no control characters
 * (C0 — tab and line feed allowed only where the field is multi-line —, DEL, C1), no bidirectional
 * overrides, embeddings, isolates or marks (they reorder what a reader sees: "‮gpj.exe"), and, where
 * something must be written, at least one visible character (not only spaces or zero-width ones).
 */
import { z } from 'zod';

/** Whether `value` holds a C0 control (tab and line feed allowed when `multiline`), DEL or a C1 control. */
function hasControl(value: string, multiline: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && !(multiline && (c === 0x09 || c === 0x0a))) return true;
    if (c >= 0x7f && c <= 0x9f) return true;
  }
  return false;
}
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Spaces and characters that take no visible room (zero-width space/joiners, word joiner, BOM, Hangul fillers, soft hyphen, Mongolian vowel separator). */
const INVISIBLE_ONLY = /^[\s\u200B-\u200D\u2060\uFEFF\u180E\u115F\u1160\u3164\uFFA0\u00AD]*$/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u180E\u115F\u1160\u3164\uFFA0\u00AD]/u;

export type TextRules = {
  /** A multi-line field (a note, a reason): tab and line feed allowed. */
  multiline?: boolean;
};

/** Multi-line free text (notes, reasons, comments): tab and line feed allowed. */
export const MULTILINE: TextRules = { multiline: true };

/** Why `value` is not acceptable text (zh-CN), or null. An empty value is left to the field's own "required" rule. */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  if (hasControl(value, rules.multiline === true)) {
    return rules.multiline ? '不能包含控制字符（换行和制表符除外）' : '不能包含控制字符（如换行、制表符或不可打印字符）';
  }
  if (BIDI_CONTROLS.test(value)) return '不能包含文字方向控制字符';
  // Only spaces is "empty" (a trimmed field stores nothing); spaces with zero-width characters is not.
  if (INVISIBLE_ONLY.test(value) && ZERO_WIDTH.test(value)) return '请填写可见的文字（不能只有空格或不可见字符）';
  return null;
}

/** A string refused when `textProblem` finds one; chain `.trim()`, `.min()`, `.max()` after it as usual. */
export function safeText(rules: TextRules = {}) {
  return z.string().check(
    z.superRefine((value: string, ctx) => {
      const problem = textProblem(value, rules);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    }),
  );
}
