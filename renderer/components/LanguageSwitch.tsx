import { Button } from '@mantine/core';
import { useI18n } from '../i18n';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button variant="subtle" size="compact-sm" title={t('app.languageLabel')} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
      {t('app.language')}
    </Button>
  );
}
