// The console's words in Korean and English: one i18next instance, the language the browser prefers until the
// user picks one (kept in localStorage and in the profile), and dates, times and numbers in that language and in
// the user's time zone (the profile's, else Asia/Seoul for Korean, else the browser's).
import i18next, { type ParseKeys } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useSyncExternalStore } from 'react';
import { resources, namespaces, type Language } from './resources';

export { useTranslation };
export type { Language };
export const LANGUAGES: readonly Language[] = ['ko', 'en'];
const KEY = 'talkbase.language';
export const KOREAN_DEFAULT_ZONE = 'Asia/Seoul';

function isLanguage(v: unknown): v is Language {
  return v === 'ko' || v === 'en';
}

/** The saved choice, else the first of the browser's languages that the console speaks, else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(KEY);
    if (isLanguage(saved)) return saved;
  } catch {}
  const preferred = typeof navigator !== 'undefined' ? (navigator.languages?.length ? navigator.languages : [navigator.language]) : [];
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

void i18next.use(initReactI18next).init({
  resources,
  ns: namespaces,
  defaultNS: 'common',
  lng: initialLanguage(),
  fallbackLng: false,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
  initAsync: false,
});
document.documentElement.lang = i18next.language;

export const i18n = i18next;
/** `t` outside components (toasts from plain functions, api.ts); components use `useTranslation`. */
export const t = i18next.t.bind(i18next);

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Switches the language now and remembers it on this browser. */
export function setLanguage(lang: Language) {
  try {
    localStorage.setItem(KEY, lang);
  } catch {}
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

// ---- time zone -------------------------------------------------------------------------------

let profileZone: string | null = null;
const zoneListeners = new Set<() => void>();
i18next.on('languageChanged', () => zoneListeners.forEach((l) => l()));

/** The profile's zone (null: the default for the language). */
export function setProfileTimeZone(zone: string | null) {
  if (zone === profileZone) return;
  profileZone = zone;
  zoneListeners.forEach((l) => l());
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone dates are shown in. */
export function timeZone(): string {
  return profileZone ?? (currentLanguage() === 'ko' ? KOREAN_DEFAULT_ZONE : browserTimeZone());
}

/** Re-renders when the language or the time zone changes; returns both. */
export function useLocale(): { language: Language; zone: string } {
  const key = useSyncExternalStore(
    (l) => {
      zoneListeners.add(l);
      return () => zoneListeners.delete(l);
    },
    () => `${currentLanguage()}|${timeZone()}`,
  );
  const [language, zone] = key.split('|') as [Language, string];
  return { language, zone };
}

/** Every IANA zone the browser knows, for the profile's choice. */
export function timeZones(): string[] {
  const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return all.length ? all : [KOREAN_DEFAULT_ZONE, 'UTC'];
}

// ---- formatting ------------------------------------------------------------------------------

const locales: Record<Language, string> = { ko: 'ko-KR', en: 'en-US' };
export function intlLocale(): string {
  return locales[currentLanguage()];
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(), options).format(n);
}

export function formatWon(n: number): string {
  return formatNumber(n, { style: 'currency', currency: 'KRW' });
}

/** A date and time in the user's zone: "12월 7일 오후 6:30" / "Dec 7, 6:30 PM". */
export function formatDateTime(iso: string | Date, options: Intl.DateTimeFormatOptions = {}): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  return new Intl.DateTimeFormat(intlLocale(), {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: timeZone(),
    ...options,
  }).format(d);
}

export function formatDay(iso: string | Date, options: Intl.DateTimeFormatOptions = {}): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  return new Intl.DateTimeFormat(intlLocale(), { month: 'short', day: 'numeric', timeZone: timeZone(), ...options }).format(d);
}

/** "3분 전" / "3 minutes ago". */
export function formatAgo(iso: string | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  const s = Math.round((d.getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' });
  const a = Math.abs(s);
  if (a < 60) return rtf.format(0, 'second');
  if (a < 3600) return rtf.format(Math.trunc(s / 60), 'minute');
  if (a < 86_400) return rtf.format(Math.trunc(s / 3600), 'hour');
  return rtf.format(Math.trunc(s / 86_400), 'day');
}

/** A key of any namespace, written `ns:key` (or a bare key of `common`): checked against the English strings. */
export type TKey = ParseKeys<(typeof namespaces)[number][]>;

/** The text of a key held in data (the page registry's titles and labels), in the current language. */
export function text(key: TKey, vars?: Record<string, unknown>): string {
  return i18next.t(key as never, vars as never) as unknown as string;
}
