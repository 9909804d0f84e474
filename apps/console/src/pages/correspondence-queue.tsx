import { useState } from 'preact/hooks';
import { api, call } from '../api/client';
import type { Schemas } from '../api/contract';
import { useLoad } from '../components/hooks';
import { SlaBadge, useLabel } from '../components/labels';
import { Loading, NotAllowed, PageHeading, ProblemMessage } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useAccess } from '../session/session';

type Item = Schemas['CorrespondenceViewResponse'];
const STATUSES = ['received', 'acknowledged', 'assigned', 'responded', 'closed'] as const;

/** The department queue, for roles that read correspondence. */
export function CorrespondenceQueue() {
  const { t } = useI18n();
  const { can } = useAccess();
  return can('correspondence.read') ? <Queue /> : <NotAllowed title={t('correspondence.queue')} />;
}

/** Correspondence of the reader's departments, soonest due first (the API sorts by due date). */
function Queue() {
  const { t, date } = useI18n();
  const label = useLabel();
  const [status, setStatus] = useState('');
  const [pages, setPages] = useState<{ items: Item[]; next: string | null }>({ items: [], next: null });
  const [cursor, setCursor] = useState<string | undefined>();
  const page = useLoad(async () => {
    const result = await call(api.GET('/v1/correspondence', { params: { query: { limit: 50, cursor, status: (status || undefined) as never } } }));
    setPages((old) => ({ items: cursor ? [...old.items, ...result.items] : result.items, next: result.nextCursor }));
    return result;
  }, [status, cursor]);
  return (
    <div>
      <PageHeading title={t('correspondence.queue')}>{t('correspondence.queue')}</PageHeading>
      <div class="field inline">
        <label for="status-filter">{t('correspondence.status')}</label>
        <select id="status-filter" value={status} onChange={(e) => { setCursor(undefined); setStatus((e.currentTarget as HTMLSelectElement).value); }}>
          <option value="">{t('correspondence.anyStatus')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{label('status', s)}</option>)}
        </select>
      </div>
      <ProblemMessage error={page.error} />
      <table class="queue">
        <caption class="visually-hidden">{t('correspondence.queue')}</caption>
        <thead><tr>
          <th scope="col">{t('correspondence.subject')}</th><th scope="col">{t('correspondence.department')}</th>
          <th scope="col">{t('correspondence.status')}</th><th scope="col">{t('correspondence.dueDate')}</th><th scope="col">{t('correspondence.sla')}</th>
        </tr></thead>
        <tbody>{pages.items.map((c) => (
          <tr key={c.id}>
            <td><a href={`/console/correspondence/${c.id}`}>{c.subject}</a></td>
            <td>{c.department}</td><td>{label('status', c.status)}</td>
            <td><time dateTime={c.dueAt}>{date(c.dueAt)}</time></td><td><SlaBadge dueAt={c.dueAt} status={c.status} /></td>
          </tr>
        ))}</tbody>
      </table>
      {!page.loading && pages.items.length === 0 && <p>{t('correspondence.empty')}</p>}
      <Loading when={page.loading} />
      {pages.next && !page.loading && <button type="button" onClick={() => setCursor(pages.next ?? undefined)}>{t('correspondence.more')}</button>}
    </div>
  );
}
