// The console's own strings, in the language this run of the browser tests uses, so a test finds a button by
// what the person sees in that language. TALKBASE_CONSOLE_LANGUAGE=ko|en (default Korean); CI runs both.
import { createInstance } from 'i18next';
import { resources, namespaces, type Language } from '../../../console/src/i18n/resources.js';

const asked = process.env.TALKBASE_CONSOLE_LANGUAGE;
export const LANGUAGE: Language = asked === 'en' ? 'en' : 'ko';
/** The browser's locale for this run: the console picks its language from it. */
export const BROWSER_LOCALE = LANGUAGE === 'ko' ? 'ko-KR' : 'en-US';

const instances = new Map<Language, ReturnType<typeof createInstance>>();
function instance(lang: Language) {
  let i = instances.get(lang);
  if (!i) {
    i = createInstance();
    void i.init({
      resources,
      ns: [...namespaces],
      defaultNS: 'common',
      lng: lang,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    instances.set(lang, i);
  }
  return i;
}

/** The text a key shows in this run's language: `tr('shell:signOut')`, `tr('chat:messages', { count: 2 })`. */
export function tr(key: string, vars?: Record<string, unknown>, lang: Language = LANGUAGE): string {
  const i = instance(lang);
  if (!i.exists(key, vars)) throw new Error(`the console has no string "${key}" in ${lang}`);
  return String(i.t(key, vars as never));
}

/** A case-insensitive exact-text pattern for a key, for getByRole({ name }) and getByText. */
export function trx(key: string, vars?: Record<string, unknown>, lang: Language = LANGUAGE): RegExp {
  return new RegExp(`^\\s*${tr(key, vars, lang).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
}
