import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './en';
import { frCA } from './fr-ca';

export const LOCALES = ['en', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];
const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'fr-CA': frCA };
const STORE = 'civic-ledger.locale';

/** The saved choice, else the browser's language (any French → fr-CA), else English. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORE);
  if (saved === 'en' || saved === 'fr-CA') return saved;
  return (navigator.languages ?? [navigator.language]).some((l) => l.toLowerCase().startsWith('fr')) ? 'fr-CA' : 'en';
}

export function saveLocale(locale: Locale): void {
  localStorage.setItem(STORE, locale);
  document.documentElement.lang = locale;
}

export interface I18n {
  locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  dateTime(iso: string | undefined | null): string;
  date(iso: string | undefined | null): string;
  number(n: number): string;
}

export function makeI18n(locale: Locale): I18n {
  const catalog = CATALOGS[locale];
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const d = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const n = new Intl.NumberFormat(locale);
  return {
    locale,
    t: (key, params) => (catalog[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => (params && name in params ? (typeof params[name] === 'number' ? n.format(params[name] as number) : String(params[name])) : `{${name}}`)),
    dateTime: (iso) => (iso ? dt.format(new Date(iso)) : '—'),
    date: (iso) => (iso ? d.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : '—'),
    number: (value) => n.format(value),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en'));
export const useI18n = (): I18n => useContext(I18nContext);
