import { useState } from 'preact/hooks';
import { api, call } from '../api/client';
import { useDebounced, useLoad } from '../components/hooks';
import { Loading, PageHeading, ProblemMessage } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { searchCriteria } from '../search/search-criteria';

type Hit = { id: string; name?: { full?: string }; hint?: string | null; kind?: string; heldByAnotherDepartment?: boolean };

/** The first of the text's searches that finds someone (a phone-like number may be an identifier). */
async function search(text: string): Promise<{ text: string; items: unknown[] }> {
  let items: unknown[] = [];
  for (const criteria of searchCriteria(text)) {
    items = (await call(api.GET('/v1/parties', { params: { query: { ...criteria, limit: 20 } } }))).items;
    if (items.length > 0) break;
  }
  return { text, items };
}

/** Search as you type: one request once typing pauses (the API records one "listed" entry per search). */
export function SearchPage() {
  const { t } = useI18n();
  const [text, setText] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const q = useDebounced(text.trim(), 300);
  const results = useLoad(async () => (q.length < 2 ? null : search(q)), [q]);
  // Results are shown only for what the field says now: never a previous search's while the next one loads.
  const current = results.data && !results.loading && results.data.text === text.trim() ? results.data : null;
  const items = current?.items ?? [];
  return (
    <div>
      <PageHeading title={t('search.title')}>{t('search.title')}</PageHeading>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="search">{t('search.label')}</label>
        <p class="hint" id="search-hint">{t('search.hint')}</p>
        <input id="search" type="search" name="q" autocomplete="off" aria-describedby="search-hint" value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
      </form>
      <Loading when={results.loading && q.length >= 2} />
      <ProblemMessage error={results.error} />
      <div role="status" class="result-count">
        {current && (items.length === 0 ? t('search.none') : t('search.count', { count: items.length }))}
      </div>
      {items.length > 0 && (
        <ul class="results" aria-label={t('search.results')}>
          {items.map((hit) => {
            const h = hit as Hit;
            if (h.heldByAnotherDepartment) return <li key={h.id} class="held">{t('search.heldElsewhere')}</li>;
            return (
              <li key={h.id}>
                <a href={`/console/parties/${h.id}`}>{h.name?.full ?? h.id}</a>
                {h.hint && <span class="masked"> {h.hint}</span>}
                {h.kind && <span class="kind"> · {t(h.kind === 'organisation' ? 'party.organisation' : 'party.person')}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
