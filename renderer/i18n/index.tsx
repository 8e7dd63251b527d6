import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { type Messages, zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'tonghu.locale';

type Join<K, P> = K extends string ? (P extends string ? `${K}.${P}` : never) : never;
type Paths<T> = { [K in keyof T]: T[K] extends string ? K : Join<K, Paths<T[K]>> }[keyof T];
export type MessageKey = Paths<Messages>;

function lookup(catalog: Messages, key: string): string {
  let node: unknown = catalog;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : key;
}

export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** The lookup of one language outside React (pure formatting helpers and their tests). */
export function translator(locale: Locale): (key: MessageKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => format(lookup(CATALOGS[locale], key), vars);
}

type I18n = { locale: Locale; setLocale: (l: Locale) => void; t: (key: MessageKey, vars?: Record<string, string | number>) => string };
const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

/** Chinese by default; the choice of English is remembered on this computer. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => format(lookup(CATALOGS[locale], key), vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): I18n['t'] {
  return useI18n().t;
}
