/**
 * What free text may hold, in one place for every text field of the contract: no control characters
 * (C0 — tab and line feed allowed only where the field is multi-line —, DEL, C1), no bidirectional
 * overrides, embeddings, isolates or marks (they reorder what a reader sees: "‮gpj.exe"), and, where
 * something must be written, at least one visible character (not only spaces or zero-width ones).
 */
import { z } from 'zod';

const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Spaces and characters that take no visible room (zero-width space/joiners, word joiner, BOM, Hangul fillers, soft hyphen, Mongolian vowel separator). */
const INVISIBLE_ONLY = /^[\s\u200B-\u200D\u2060\uFEFF\u180E\u115F\u1160\u3164\uFFA0\u00AD]*$/u;

export type TextRules = {
  /** A multi-line field (a note, a reason): tab and line feed allowed. */
  multiline?: boolean;
};

/** Multi-line free text (notes, reasons, comments): tab and line feed allowed. */
export const MULTILINE: TextRules = { multiline: true };

/** Why `value` is not acceptable text (zh-CN), or null. An empty value is left to the field's own "required" rule. */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  if ((rules.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
    return rules.multiline ? '不能包含控制字符（换行和制表符除外）' : '不能包含控制字符（如换行、制表符或不可打印字符）';
  }
  if (BIDI_CONTROLS.test(value)) return '不能包含文字方向控制字符';
  const trimmed = value.trim();
  if (trimmed.length > 0 && INVISIBLE_ONLY.test(trimmed)) return '请填写可见的文字（不能只有空格或不可见字符）';
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
