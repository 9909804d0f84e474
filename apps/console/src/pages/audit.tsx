import { useState } from 'preact/hooks';
import { api, ApiProblem, call, IdempotencyKeys, readAfter, type Written } from '../api/client';
import type { Schemas } from '../api/contract';
import { asProblem, useLoad } from '../components/hooks';
import { Field, Loading, NotAllowed, PageHeading, ProblemMessage, Section } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useAccess } from '../session/session';

type Verification = Schemas['VerifyLedgerResponse'];
type Grant = Schemas['AccessGrantResponse'];

/** Auditors and the privacy officer: verify the hash chains; list and revoke break-glass grants. */
export function AuditPage() {
  const { t } = useI18n();
  const { can } = useAccess();
  if (!can('audit.verify') && !can('party.access-grants')) return <NotAllowed title={t('audit.title')} />;
  return (
    <div>
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      {can('audit.verify') && <Verify />}
      {can('party.access-grants') && <Grants />}
    </div>
  );
}

function Verify() {
  const { t, number } = useI18n();
  const [state, setState] = useState<{ busy: boolean; result?: Verification; error?: ApiProblem }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      setState({ busy: false, result: await call(api.GET('/v1/audit/verify')) });
    } catch (error) {
      setState({ busy: false, error: asProblem(error) });
    }
  };
  const r = state.result;
  return (
    <Section id="verify" title={t('audit.verifyTitle')}>
      <p>{t('audit.verifyIntro')}</p>
      <button type="button" class="primary" onClick={run} disabled={state.busy}>{t('audit.verify')}</button>
      <Loading when={state.busy} />
      <ProblemMessage error={state.error} />
      {r && (
        <div role="status" class={r.ok ? 'verified ok' : 'verified broken'}>
          <p><strong>{r.ok ? t('audit.intact') : t('audit.broken', { count: r.breaks.length + r.missingTail.length })}</strong></p>
          <p>{t('audit.verifyFigures', { events: number(r.events), streams: number(r.streams), head: number(r.headPosition) })}</p>
        </div>
      )}
    </Section>
  );
}

function Grants() {
  const { t, dateTime } = useI18n();
  const { can } = useAccess();
  const [status, setStatus] = useState<'active' | 'revoked' | ''>('active');
  const [after, setAfter] = useState<number | null>(null);
  const grants = useLoad(() => call(api.GET('/v1/access-grants', {
    params: { query: { status: (status || undefined) as never, limit: 100 } }, headers: readAfter(after),
  })), [status, after]);
  return (
    <Section id="grants" title={t('grants.title')}>
      <div class="field inline">
        <label for="grant-status">{t('grants.status')}</label>
        <select id="grant-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as typeof status)}>
          <option value="active">{t('grants.active')}</option>
          <option value="revoked">{t('grants.revoked')}</option>
          <option value="">{t('grants.all')}</option>
        </select>
      </div>
      <Loading when={grants.loading} />
      <ProblemMessage error={grants.error} />
      {grants.data && grants.data.items.length === 0 && <p>{t('grants.none')}</p>}
      {grants.data && grants.data.items.length > 0 && (
        <table>
          <caption class="visually-hidden">{t('grants.title')}</caption>
          <thead><tr>
            <th scope="col">{t('grants.party')}</th><th scope="col">{t('grants.department')}</th><th scope="col">{t('grants.reason')}</th>
            <th scope="col">{t('grants.grantedBy')}</th><th scope="col">{t('grants.grantedAt')}</th><th scope="col">{t('grants.status')}</th>
          </tr></thead>
          <tbody>{grants.data.items.map((g) => (
            <tr key={g.id}>
              <td><a href={`/console/parties/${g.partyId}`}>{t('party.relatedParty', { id: g.partyId.slice(0, 8) })}</a></td>
              <td>{g.department}</td><td>{g.reason}</td><td>{g.grantedBy}</td><td>{dateTime(g.grantedAt)}</td>
              <td>{g.status === 'active' ? (can('party.revoke-access') ? <Revoke grant={g} onDone={setAfter} /> : t('grants.active')) : t('grants.revokedBy', { who: g.revokedBy ?? '' })}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </Section>
  );
}

function Revoke({ grant, onDone }: { grant: Grant; onDone(position: number): void }) {
  const { t } = useI18n();
  const [keys] = useState(() => new IdempotencyKeys());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiProblem>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { reason };
    try {
      const written = await call(api.DELETE('/v1/parties/{id}/access-grants/{grantId}', {
        params: { path: { id: grant.partyId, grantId: grant.id }, header: { 'Idempotency-Key': keys.for(body) } }, body,
      }));
      keys.succeeded();
      onDone((written as unknown as Written).position);
    } catch (failure) {
      setError(asProblem(failure));
    }
  };
  const id = `revoke-${grant.id}`;
  return (
    <form class="inline-form" onSubmit={submit} aria-label={t('grants.revokeGrant', { department: grant.department })}>
      {error && error.status !== 422 && <ProblemMessage error={error} />}
      <Field id={id} label={t('grants.revokeReason')} errors={error?.fieldErrors().reason}>{(d, bad) => (
        <input id={id} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} aria-describedby={d} aria-invalid={bad} />
      )}</Field>
      <button type="submit">{t('grants.revoke')}</button>
    </form>
  );
}
