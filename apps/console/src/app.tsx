import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, call } from './api/client';
import type { ConsoleConfig } from './api/contract';
import { Header } from './components/header';
import { focusHeadingOnNextPage, Loading } from './components/ui';
import { I18nContext, initialLocale, type Locale, makeI18n, saveLocale } from './i18n/i18n';
import { Routes } from './routes';
import { onLinkClick, useRoute } from './router';
import { AccessContext, Session, type SessionState } from './session/session';
import { SignIn } from './pages/sign-in';
import { OidcCallback } from './pages/oidc-callback';

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const session = useMemo(() => new Session(setState), []);
  const [config, setConfig] = useState<ConsoleConfig>({ signIn: 'token' });
  const route = useRoute();

  useEffect(() => {
    saveLocale(locale);
  }, [locale]);
  useEffect(() => {
    call(api.GET('/v1/console/config')).then(setConfig, () => undefined);
    if (route.path !== '/callback') void session.resume();
    const click = (e: MouseEvent) => {
      onLinkClick(e);
      if (e.defaultPrevented) focusHeadingOnNextPage();
    };
    document.addEventListener('click', click);
    return () => document.removeEventListener('click', click);
  }, []);

  const access = useMemo(() => (state.status === 'signed-in' ? { me: state.me, can: (a: string) => state.me.actions.includes(a) } : null), [state]);
  let page;
  if (route.path === '/callback') page = <OidcCallback session={session} />;
  else if (state.status === 'loading') page = <Loading when />;
  else if (state.status === 'signed-out') page = <SignIn config={config} session={session} reason={state.reason} />;
  else page = <Routes route={route} />;

  return (
    <I18nContext.Provider value={i18n}>
      <AccessContext.Provider value={access}>
        <a class="skip-link" href="#main">{i18n.t('app.skip')}</a>
        <Header locale={locale} onLocale={setLocale} onSignOut={() => session.end('signed-out')} />
        <main id="main" tabIndex={-1}>{page}</main>
      </AccessContext.Provider>
    </I18nContext.Provider>
  );
}
