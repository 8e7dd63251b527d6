/** The message catalogs' lookup without React: the provider (index.tsx) and pure helpers and their tests use it. */
import { en } from './en';
import { type Messages, zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

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

/** The lookup of one language: a key the catalog does not know comes back as the key itself. */
export function translator(locale: Locale): (key: MessageKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => format(lookup(CATALOGS[locale], key), vars);
}
