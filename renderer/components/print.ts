import type { Printable } from '../../shared/contract/audit';
import { call } from '../api/client';

/** Prints the page after writing the print to the audit trail (who printed which child's page, and when). */
export async function printAudited(what: Printable, childId?: number): Promise<void> {
  await call('audit:printed', { what, childId });
  window.print();
}
