/**
 * Closing the window over unsaved edits asks first (Electron's `will-prevent-unload`): the question
 * keeps the window by default, only the discard button lets it close, and the main window wires it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAVE_DIALOG, leaveConfirmed } from '../../../electron/main/leave-dialog';

describe('closing the window over unsaved edits', () => {
  it('keeps the window unless the person chooses to discard', () => {
    expect(LEAVE_DIALOG.buttons).toHaveLength(2);
    // Enter (default) and Esc / closing the box (cancel) both answer "stay".
    expect(leaveConfirmed(LEAVE_DIALOG.defaultId)).toBe(false);
    expect(leaveConfirmed(LEAVE_DIALOG.cancelId)).toBe(false);
    const discard = LEAVE_DIALOG.buttons.findIndex((b) => b.includes('放弃'));
    expect(discard).toBeGreaterThanOrEqual(0);
    expect(leaveConfirmed(discard)).toBe(true);
    for (const text of [LEAVE_DIALOG.title, LEAVE_DIALOG.message, LEAVE_DIALOG.detail, ...LEAVE_DIALOG.buttons]) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is asked by the main window when its page holds the unload', () => {
    const main = readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron', 'main', 'index.ts'), 'utf8');
    const wiring = /webContents\.on\('will-prevent-unload',[\s\S]{0,200}?leaveConfirmed\(dialog\.showMessageBoxSync\(win,[\s\S]{0,80}?LEAVE_DIALOG[\s\S]{0,80}?\)\)\) event\.preventDefault\(\)/;
    expect(main).toMatch(wiring);
  });
});
