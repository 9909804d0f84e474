import { useState } from 'preact/hooks';
import { api, ApiProblem, call, IdempotencyKeys, readAfter, type Written } from '../api/client';
import type { Schemas } from '../api/contract';
import { asProblem, useLoad } from '../components/hooks';
import { Field, Loading, PageHeading, ProblemMessage, Section } from '../components/ui';
import { en, type MessageKey } from '../i18n/en';
import { type I18n, useI18n } from '../i18n/i18n';
import { useAccess } from '../session/session';

type View = Schemas['PartyViewResponse'];

/** One person's audit: who looked at the record, the offline-verifiable bundle, erasure (privacy officer). */
export function PartyAudit({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useAccess();
  const [after, setAfter] = useState<number | null>(null);
  const view = useLoad(() => call(api.GET('/v1/parties/{id}', { params: { path: { id } }, headers: readAfter(after) })), [id, after]);
  const name = view.data?.name.full ?? '';
  const title = t('partyAudit.title', { name });
  return (
    <div>
      <PageHeading title={title}>{title}</PageHeading>
      <p><a href={`/console/parties/${id}`}>{t('partyAudit.back')}</a></p>
      <ProblemMessage error={view.error} />
      {can('audit.access') && <AccessLog id={id} />}
      {can('party.bundle') && <Bundle id={id} />}
      {can('party.erase') && view.data && <Erasure view={view.data} onDone={setAfter} />}
    </div>
  );
}

function AccessLog({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const [access, setAccess] = useState<'viewed' | 'listed'>('viewed');
  const log = useLoad(() => call(api.GET('/v1/audit/access', { params: { query: { partyId: id, access, limit: 50 } } })), [id, access]);
  return (
    <Section id="access-log" title={t('partyAudit.accessLog')}>
      <div class="field inline">
        <label for="access-kind">{t('partyAudit.show')}</label>
        <select id="access-kind" value={access} onChange={(e) => setAccess((e.currentTarget as HTMLSelectElement).value as typeof access)}>
          <option value="viewed">{t('partyAudit.viewed')}</option>
          <option value="listed">{t('partyAudit.listed')}</option>
        </select>
      </div>
      <Loading when={log.loading} />
      <ProblemMessage error={log.error} />
      {log.data && (log.data.items.length === 0 ? <p>{t('common.none')}</p> : (
        <table>
          <caption class="visually-hidden">{t('partyAudit.accessLog')}</caption>
          <thead><tr><th scope="col">{t('partyAudit.when')}</th><th scope="col">{t('partyAudit.who')}</th><th scope="col">{t('partyAudit.role')}</th><th scope="col">{t('partyAudit.what')}</th></tr></thead>
          <tbody>{log.data.items.map((e) => (
            <tr key={e.id}><td>{dateTime(e.at)}</td><td>{e.actor}</td><td>{e.role}</td><td>{e.purpose ?? endpointLabel(t, e.endpoint)}</td></tr>
          ))}</tbody>
        </table>
      ))}
    </Section>
  );
}

function Bundle({ id }: { id: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ busy: boolean; done?: boolean; error?: ApiProblem }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    try {
      // The bundle's bytes as the API sent them: re-serialising could break its offline verification.
      const blob = await call(api.GET('/v1/audit/bundles/{partyId}', { params: { path: { partyId: id } }, parseAs: 'blob' })) as unknown as Blob;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `civic-ledger-bundle-${id}.${blob.type.includes('zip') ? 'zip' : 'json'}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false, done: true });
    } catch (error) {
      setState({ busy: false, error: asProblem(error) });
    }
  };
  return (
    <Section id="bundle" title={t('partyAudit.bundle')}>
      <p>{t('partyAudit.bundleIntro')}</p>
      <button type="button" onClick={download} disabled={state.busy}>{t('partyAudit.download')}</button>
      <ProblemMessage error={state.error} />
      {state.done && <p role="status">{t('partyAudit.downloaded')}</p>}
    </Section>
  );
}

function Erasure({ view, onDone }: { view: View; onDone(position: number): void }) {
  const { t, dateTime } = useI18n();
  const [keys] = useState(() => new IdempotencyKeys());
  const [basis, setBasis] = useState('');
  const [error, setError] = useState<ApiProblem>();
  const [completion] = useState(() => new IdempotencyKeys());
  const holds = view.legalHolds ?? [];
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { legalBasis: basis };
    try {
      const written = await call(api.POST('/v1/parties/{id}/erasure', { params: { path: { id: view.id }, header: { 'Idempotency-Key': keys.for(body) } }, body }));
      keys.succeeded();
      setError(undefined);
      onDone((written as unknown as Written).position);
    } catch (failure) {
      setError(asProblem(failure));
    }
  };
  const complete = async () => {
    try {
      const written = await call(api.POST('/v1/parties/{id}/erasure/completion', { params: { path: { id: view.id }, header: { 'Idempotency-Key': completion.for({}) } }, body: {} }));
      completion.succeeded();
      onDone((written as unknown as Written).position);
    } catch (failure) {
      setError(asProblem(failure));
    }
  };
  return (
    <Section id="erasure" title={t('erasure.title')}>
      {holds.length > 0 && (
        <div class="warning" role="note">
          <p><strong>{t('erasure.legalHold')}</strong></p>
          <ul>{holds.map((h) => <li key={h.holdId}>{h.reason} ({dateTime(h.since)})</li>)}</ul>
        </div>
      )}
      {view.erasure ? (
        <>
          <p role="status">{view.erasure.erasedAt ? t('erasure.erased', { date: dateTime(view.erasure.erasedAt) }) : t('erasure.requested', { date: dateTime(view.erasure.requestedAt), basis: view.erasure.legalBasis })}</p>
          <ProblemMessage error={error} />
          {!view.erasure.erasedAt && <button type="button" class="danger" onClick={complete}>{t('erasure.complete')}</button>}
        </>
      ) : (
        <form onSubmit={submit}>
          {error && error.status !== 422 && <ProblemMessage error={error} />}
          <Field id="legal-basis" label={t('erasure.legalBasis')} hint={t('erasure.hint')} errors={error?.fieldErrors().legalBasis}>{(d, bad) => (
            <input id="legal-basis" value={basis} onInput={(e) => setBasis((e.currentTarget as HTMLInputElement).value)} aria-describedby={d} aria-invalid={bad} />
          )}</Field>
          <button type="submit" class="danger">{t('erasure.submit')}</button>
        </form>
      )}
    </Section>
  );
}

/** What the access ledger says was read, in the reader's language (an endpoint added later shows as it is named). */
function endpointLabel(t: I18n['t'], endpoint: string): string {
  const key = `access.endpoint.${endpoint}`;
  return key in en ? t(key as MessageKey) : endpoint;
}
