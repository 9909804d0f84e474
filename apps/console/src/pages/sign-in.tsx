import { useState } from 'preact/hooks';
import type { ConsoleConfig } from '../api/contract';
import { Field, PageHeading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import type { Session, SignedOutReason } from '../session/session';
import { startOidcSignIn } from '../session/oidc';

const REASONS = { expired: 'signIn.expired', refused: 'signIn.refused', 'signed-out': 'signIn.signedOut' } as const;

/** Token mode (embedded/dev): paste a token from `civic-ledger token`. OIDC mode: authorization code + PKCE. */
export function SignIn({ config, session, reason }: { config: ConsoleConfig; session: Session; reason: SignedOutReason }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const message = reason === 'none' ? null : t(REASONS[reason]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await session.signIn(token.trim());
    setBusy(false);
  };
  const oidc = async () => {
    setBusy(true);
    try {
      await startOidcSignIn(config);
    } catch {
      setFailed(t('signIn.oidcFailed'));
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      {message && <p class={reason === 'signed-out' ? 'notice' : 'problem'} role="alert">{message}</p>}
      {failed && <p class="problem" role="alert">{failed}</p>}
      {config.signIn === 'oidc' && config.oidc ? (
        <button type="button" class="primary" onClick={oidc} disabled={busy}>{t('signIn.withOrganisation')}</button>
      ) : (
        <form onSubmit={submit}>
          <Field id="token" label={t('signIn.token')} hint={t('signIn.tokenHint')}>
            {(describedBy) => (
              <input id="token" name="token" type="password" autocomplete="off" required value={token} aria-describedby={describedBy}
                onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)} />
            )}
          </Field>
          <button type="submit" class="primary" disabled={busy}>{t('signIn.submit')}</button>
        </form>
      )}
    </div>
  );
}
