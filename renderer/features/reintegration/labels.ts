import { districtName } from '../../../shared/domain/districts';
import type { Locale } from '../../i18n';

/** A receiving district's name in the current language (its code when unknown). */
export function districtLabel(code: string | null, locale: Locale): string | null {
  if (code === null) return null;
  return districtName(code, locale === 'en' ? 'en' : 'zh') ?? code;
}

export const STAGE_COLOR = {
  preparing: 'gray',
  assessmentDue: 'red',
  assessed: 'orange',
  resettling: 'teal',
  transferred: 'violet',
  vocationalRehab: 'grape',
  secondAssessment: 'red',
  closed: 'green',
} as const;
