import { DateInput, type DateInputProps } from '@mantine/dates';
import { isIsoDate } from '../../shared/domain/dates';
import { useI18n } from '../i18n';
import { calendarLabelFormats } from './date-time';

/** Accepts 2015-03-07, 2015/3/7, 2015.3.7 and 20150307 typed at the keyboard. */
export function parseTypedDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A date field that keeps values as `YYYY-MM-DD` strings, typed or picked. */
export function DateField(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  const { locale } = useI18n();
  return <DateInput valueFormat="YYYY-MM-DD" dateParser={parseTypedDate} placeholder="YYYY-MM-DD" clearable {...calendarLabelFormats(locale)} {...props} />;
}
