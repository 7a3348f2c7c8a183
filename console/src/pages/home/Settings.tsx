// The account's settings: the console's language and the time zone dates and times are shown in.
import { useState, type FormEvent } from 'react';
import { auth } from '../../api';
import { useUser } from '../../auth';
import {
  browserTimeZone,
  currentLanguage,
  formatDateTime,
  KOREAN_DEFAULT_ZONE,
  LANGUAGES,
  setLanguage,
  timeZones,
  useTranslation,
  type Language,
} from '../../i18n';
import { Button, InlineError, PageHeader, Select, useToast } from '../../ui';

export function Settings() {
  const { t } = useTranslation('shell');
  const user = useUser();
  const toast = useToast();
  const [language, setChosenLanguage] = useState<Language>(user?.locale ?? currentLanguage());
  const [zone, setZone] = useState<string>(user?.timeZone ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const defaultZone = language === 'ko' ? KOREAN_DEFAULT_ZONE : browserTimeZone();

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await auth.updateProfile({ locale: language, timeZone: zone || null });
      setLanguage(language);
      toast(t('profile.saved'), 'good');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <form className="card settings-form" onSubmit={save} aria-label={t('profile.title')}>
        <Select
          label={t('profile.language')}
          hint={t('profile.languageHint')}
          value={language}
          onChange={(e) => setChosenLanguage(e.target.value as Language)}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
        <Select
          label={t('profile.timeZone')}
          hint={
            <>
              {t('profile.timeZoneHint')}{' '}
              <span className="zone-now">
                {t('profile.now', { time: formatDateTime(new Date(), { timeZone: zone || defaultZone, timeZoneName: 'short' }) })}
              </span>
            </>
          }
          value={zone}
          onChange={(e) => setZone(e.target.value)}
          options={[
            { value: '', label: t('profile.timeZoneDefault', { zone: defaultZone }) },
            ...timeZones().map((z) => ({ value: z, label: z })),
          ]}
        />
        <InlineError error={error} />
        <Button type="submit" variant="primary" busy={busy}>
          {t('profile.save')}
        </Button>
      </form>
    </>
  );
}
