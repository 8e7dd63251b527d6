import { notifications } from '@mantine/notifications';
import { type ConflictDetails, isConflictDetails } from '../../shared/contract/versions';
import { ApiError } from '../api/client';
import type { useT } from '../i18n';
import { readableTime } from './ConflictView';

type T = ReturnType<typeof useT>;

/** The details of a step refused because its row changed at another desk since the page read it (issue 19.4). */
export function staleDetails(error: unknown): ConflictDetails | null {
  return error instanceof ApiError && error.code === 'conflict' && isConflictDetails(error.details) ? error.details : null;
}

/** Who changed the row and when, and that the step was not taken. */
export function staleMessage(details: ConflictDetails, t: T): string {
  return details.changedBy ? t('versions.staleBy', { who: details.changedBy, when: readableTime(details.changedAt) }) : t('versions.staleNoWho');
}

/**
 * After a one-click step (archive, unlock, set as photo, assign) refused as stale: a notice naming who
 * changed the row and when. Returns whether it was that, so the caller refreshes the page and keeps
 * anything typed (nothing is retried by itself).
 */
export function notifyStaleAction(error: unknown, t: T, extra?: string): boolean {
  const details = staleDetails(error);
  if (!details) return false;
  const said = staleMessage(details, t);
  notifications.show({ color: 'orange', title: t('versions.staleTitle'), message: extra ? `${said} ${extra}` : said, autoClose: false, withCloseButton: true });
  return true;
}
