/**
 * A group of the set-up recovery code typed back before anyone could sign in; sent with the first
 * sign-in (key:confirmCode). Kept in memory only: after a reload the code is shown again instead.
 */
let confirmed: { group: number; value: string } | null = null;

export function rememberConfirmation(group: number, value: string): void {
  confirmed = { group, value };
}

export function takeConfirmation(): { group: number; value: string } | null {
  const out = confirmed;
  confirmed = null;
  return out;
}
