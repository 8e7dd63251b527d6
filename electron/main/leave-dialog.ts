/**
 * What the window asks when it is closed or reloaded over edits not yet saved. The page's `beforeunload`
 * guard (renderer/components/unsaved.tsx) cancels the unload; Electron then keeps the window open
 * without a word unless the main process asks the person (`will-prevent-unload`). Plain data, so it is
 * tested without Electron (tests/unit/electron/leave-dialog.test.ts).
 */
export const LEAVE_DIALOG = {
  type: 'question',
  title: '有未保存的内容',
  message: '有填写但尚未保存的内容。',
  detail: '关闭后，这些内容将丢失。要保存，请返回并点“保存”。',
  buttons: ['返回继续编辑', '放弃未保存的内容并关闭'],
  // Enter, Esc and closing the box all keep the window and what was typed.
  defaultId: 0,
  cancelId: 0,
  noLink: true,
} as const;

/** Whether the answer to LEAVE_DIALOG lets the window close (only the discard button does). */
export function leaveConfirmed(response: number): boolean {
  return response === 1;
}
