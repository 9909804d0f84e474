import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, call, readAfter } from '../api/client';
import type { Schemas } from '../api/contract';
import { useI18n } from '../i18n/i18n';
import { asProblem } from './hooks';
import { Channel, CHANNELS, useLabel } from './labels';
import { Field, Loading, ProblemMessage } from './ui';

type Entry = Schemas['TimelineEntryResponse'];
interface Filters { channel: string; topic: string; department: string; from: string; to: string }
const NO_FILTERS: Filters = { channel: '', topic: '', department: '', from: '', to: '' };
const PAGE = 25;

/** Newest first across channels; filters; "Older" loads the next page; amendments show as corrections beside the original. */
export function Timeline({ partyId, asOf, minPosition }: { partyId: string; asOf: string | null; minPosition: number | null }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: ReturnType<typeof asProblem> }>({ loading: true });

  const load = async (after: string | null) => {
    setState({ loading: true });
    const query = {
      limit: PAGE, cursor: after ?? undefined, asOf: asOf ?? undefined, channel: filters.channel || undefined, topic: filters.topic || undefined,
      department: filters.department || undefined, from: filters.from ? new Date(`${filters.from}T00:00`).toISOString() : undefined,
      to: filters.to ? new Date(`${filters.to}T23:59:59.999`).toISOString() : undefined,
    };
    try {
      const page = await call(api.GET('/v1/parties/{id}/timeline', { params: { path: { id: partyId }, query: query as never }, headers: readAfter(minPosition) }));
      setEntries((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setState({ loading: false });
    } catch (error) {
      setState({ loading: false, error: asProblem(error) });
    }
  };
  useEffect(() => void load(null), [partyId, asOf, filters, minPosition]);

  const set = (name: keyof Filters) => (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value });
  return (
    <section aria-labelledby="timeline-title" class="card timeline">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }} aria-label={t('timeline.filters')}>
        <Field id="f-channel" label={t('timeline.channel')}>{() => (
          <select id="f-channel" value={draft.channel} onChange={set('channel')}>
            <option value="">{t('timeline.anyChannel')}</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
          </select>
        )}</Field>
        <Field id="f-topic" label={t('timeline.topic')}>{() => <input id="f-topic" value={draft.topic} onInput={set('topic')} />}</Field>
        <Field id="f-department" label={t('timeline.department')}>{() => <input id="f-department" value={draft.department} onInput={set('department')} />}</Field>
        <Field id="f-from" label={t('timeline.from')}>{() => <input id="f-from" type="date" value={draft.from} onInput={set('from')} />}</Field>
        <Field id="f-to" label={t('timeline.to')}>{() => <input id="f-to" type="date" value={draft.to} onInput={set('to')} />}</Field>
        <div class="filter-buttons">
          <button type="submit">{t('timeline.apply')}</button>
          <button type="button" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); }}>{t('timeline.clear')}</button>
        </div>
      </form>
      <ProblemMessage error={state.error} />
      {entries.length === 0 && !state.loading ? <p>{t('timeline.empty')}</p> : (
        <ol class="entries" aria-label={t('timeline.entries')}>
          {entries.map((entry) => <TimelineItem key={entry.id} entry={entry} />)}
        </ol>
      )}
      <Loading when={state.loading} />
      {cursor && !state.loading && <button type="button" onClick={() => load(cursor)}>{t('timeline.older')}</button>}
    </section>
  );
}

function TimelineItem({ entry }: { entry: Entry }) {
  const { t, dateTime } = useI18n();
  const label = useLabel();
  const correction = entry.type === 'InteractionAmended';
  const details = (entry.details ?? {}) as { reason?: string; changes?: Record<string, unknown>; previous?: Record<string, unknown> };
  return (
    <li class={`entry${correction ? ' correction' : ''}`} data-type={entry.type}>
      <div class="entry-head">
        {entry.channel ? <Channel channel={entry.channel} /> : <span class="channel">{label('kind', entry.kind)}</span>}
        {entry.direction && <span class="direction">{label('direction', entry.direction)}</span>}
        <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>
      </div>
      <p class="entry-title">{correction ? t('timeline.correction') : label('event', entry.type) === entry.type ? entry.title : label('event', entry.type)}</p>
      {entry.summary && !correction && <p class="summary">{entry.summary}</p>}
      {entry.amended && <p class="amended-note">{t('timeline.amended')}</p>}
      {correction && (
        <div class="diff">
          {details.reason && <p>{t('timeline.reason')}: {details.reason}</p>}
          <dl class="pairs">
            {Object.keys(details.changes ?? {}).map((field) => (
              <Fragment key={field}>
                <dt>{label('field', field)}</dt>
                <dd>
                  <span class="was">{t('timeline.was')}: <del>{show(details.previous?.[field])}</del></span>{' '}
                  <span class="now">{t('timeline.now')}: <ins>{show(details.changes?.[field])}</ins></span>
                </dd>
              </Fragment>
            ))}
          </dl>
        </div>
      )}
      <p class="meta">
        {entry.department && <span>{t('timeline.department')}: {entry.department}</span>}
        {entry.topics.length > 0 && <span> · {t('timeline.topics')}: {entry.topics.join(', ')}</span>}
        {entry.confidentiality !== 'normal' && <span> · {label('confidentiality', entry.confidentiality)}</span>}
      </p>
    </li>
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
