import { useContext } from 'preact/hooks';
import { type Locale, LOCALES, useI18n } from '../i18n/i18n';
import { AccessContext } from '../session/session';
import { useLabel } from './labels';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'fr-CA': 'Français (Canada)' };

export function Header({ locale, onLocale, onSignOut }: { locale: Locale; onLocale(l: Locale): void; onSignOut(): void }) {
  const { t } = useI18n();
  const access = useContext(AccessContext);
  const label = useLabel();
  return (
    <header class="top">
      <a class="brand" href="/console/">{t('app.name')}</a>
      {access && (
        <nav aria-label={t('nav.label')}>
          <ul>
            <li><a href="/console/">{t('nav.search')}</a></li>
            {access.can('correspondence.read') && <li><a href="/console/correspondence">{t('nav.correspondence')}</a></li>}
            {(access.can('audit.verify') || access.can('party.access-grants')) && <li><a href="/console/audit">{t('nav.audit')}</a></li>}
            {access.can('party.merge') && <li><a href="/console/duplicates">{t('nav.duplicates')}</a></li>}
          </ul>
        </nav>
      )}
      <div class="tools">
        <label for="language">{t('nav.language')}</label>
        <select id="language" value={locale} onChange={(e) => onLocale((e.currentTarget as HTMLSelectElement).value as Locale)}>
          {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
        {access && (
          <>
            <span class="who">{t('nav.signedInAs', { subject: access.me.subject, role: label('role', access.me.role) })}</span>
            <button type="button" onClick={onSignOut}>{t('nav.signOut')}</button>
          </>
        )}
      </div>
    </header>
  );
}
