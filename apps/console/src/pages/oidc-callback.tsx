import { useEffect } from 'preact/hooks';
import { api, call } from '../api/client';
import { Loading, PageHeading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { BASE, navigate } from '../router';
import type { Session } from '../session/session';
import { finishOidcSignIn } from '../session/oidc';

/** /console/callback: the issuer sends the browser back here with a code; a failure ends on the sign-in page. */
export function OidcCallback({ session }: { session: Session }) {
  const { t } = useI18n();
  useEffect(() => {
    (async () => {
      const config = await call(api.GET('/v1/console/config'));
      const { accessToken, returnTo } = await finishOidcSignIn(config);
      navigate(returnTo.slice(BASE.length) || '/', true);
      await session.signIn(accessToken);
    })().catch(() => {
      navigate('/', true);
      session.end('refused');
    });
  }, []);
  return (
    <div class="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <Loading when />
    </div>
  );
}
