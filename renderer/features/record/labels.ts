import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** An interval in words: "2020-01-01 至今" or "2020-01-01 至 2021-06-30". */
export function formatPeriod(t: T, from: string, to: string | null): string {
  return to === null ? t('record.common.periodOpen', { from }) : t('record.common.period', { from, to });
}

/** "家庭寄养（2020-01-01 至今）" / "Foster family (2020-01-01 to date)". */
export function withAside(t: T, text: string, aside: string): string {
  return t('record.common.aside', { text, aside });
}

/** "类别：值" / "Kind: value". */
export function labelled(t: T, label: string, value: string): string {
  return t('record.common.labelled', { label, value });
}

/** Items joined as the language lists them (、 in Chinese). */
export function joinList(t: T, items: readonly string[]): string {
  return items.join(t('record.common.listSeparator'));
}
