// The language switch (shell and sign-in page) and the link between the profile and the console's language and zone.
import { useEffect } from 'react';
import { auth, type Profile } from '../api';
import { currentLanguage, LANGUAGES, setLanguage, setProfileTimeZone, useLocale, useTranslation, type Language } from '.';

/** A signed-in profile's language and time zone win over this browser's; signed out, the zone is the default. */
export function useProfileLocale(user: Profile | null) {
  useEffect(() => {
    if (user?.locale && user.locale !== currentLanguage()) setLanguage(user.locale);
    setProfileTimeZone(user?.timeZone ?? null);
  }, [user?.locale, user?.timeZone]);
}

/** Switches now, remembers it on this browser, and in the profile when someone is signed in. */
export async function chooseLanguage(lang: Language) {
  setLanguage(lang);
  if (auth.signedIn()) await auth.updateProfile({ locale: lang }).catch(() => undefined);
}

export function LanguageSwitch() {
  const { t } = useTranslation('shell');
  const { language } = useLocale();
  return (
    <select
      className="language-switch"
      aria-label={t('language.label')}
      value={language}
      onChange={(e) => void chooseLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {t(`language.${l}`)}
        </option>
      ))}
    </select>
  );
}
