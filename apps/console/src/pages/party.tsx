import { useState } from 'preact/hooks';
import { api, call, readAfter } from '../api/client';
import { useLoad } from '../components/hooks';
import { ContactSections, WorkSections } from '../components/party-sections';
import { RecordInteraction } from '../components/record-interaction';
import { Differences, TimeTravel } from '../components/time-travel';
import { Timeline } from '../components/timeline';
import { Loading, PageHeading, ProblemMessage } from '../components/ui';
import { Unmerge } from '../components/merge';
import { useI18n } from '../i18n/i18n';
import { useAccess } from '../session/session';

/** The consolidated view: who the person is, open work and contacts, then the timeline; optionally as known on an instant. */
export function PartyPage({ id, asOf }: { id: string; asOf: string | null }) {
  const { t, dateTime, date } = useI18n();
  const { can } = useAccess();
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const [minPosition, setMinPosition] = useState<number | null>(null);
  const view = useLoad(() => call(api.GET('/v1/parties/{id}', {
    params: { path: { id }, query: asOf ? { asOf } : {} }, headers: readAfter(minPosition),
  })), [id, asOf, minPosition]);
  const changes = useLoad(async () => (asOf && can('party.replay')
    ? call(api.GET('/v1/parties/{id}/changes', { params: { path: { id }, query: { from: asOf, to: new Date().toISOString() } } }))
    : undefined), [id, asOf]);
  const changed = (root: string) => (changes.data?.view ?? []).some((c) => c.path === root || c.path.startsWith(`${root}.`) || c.path.startsWith(`${root}[`));

  if (!view.data) {
    return (
      <div>
        <PageHeading title={t('party.title')}>{t('party.title')}</PageHeading>
        <Loading when={view.loading} />
        <ProblemMessage error={view.error} />
      </div>
    );
  }
  const v = view.data;
  return (
    <div class="party">
      <PageHeading title={v.name.full}>{v.name.full}</PageHeading>
      <p class="subtitle">
        {t(v.kind === 'organisation' ? 'party.organisation' : 'party.person')}
        {v.birthDate && <> · {t('party.born', { date: date(v.birthDate) })}</>}
        {v.status !== 'active' && <> · <strong>{t(v.status === 'merged' ? 'party.statusMerged' : 'party.statusErased')}</strong></>}
      </p>
      {v.mergedInto && <p class="notice">{t('party.mergedInto')} <a href={`/console/parties/${v.mergedInto}`}>{t('party.survivor')}</a></p>}
      {asOf && <p class="notice" role="status">{t('timeTravel.showing', { date: dateTime(asOf) })}</p>}
      <div class="actions">
        {can('interaction.record') && !asOf && v.status === 'active' && (
          <button type="button" class="primary" aria-expanded={recording} onClick={() => setRecording(!recording)}>{t('record.open')}</button>
        )}
        {(can('audit.access') || can('party.export') || can('party.erase')) && <a class="button" href={`/console/parties/${id}/audit`}>{t('partyAudit.link')}</a>}
        {can('party.merge') && v.mergedInto && <Unmerge partyId={id} onDone={setMinPosition} />}
      </div>
      {can('party.replay') && <TimeTravel partyId={id} asOf={asOf} />}
      <Differences changes={changes.data} />
      <ProblemMessage error={changes.error} />
      {recording && (
        <RecordInteraction partyId={id} onCancel={() => setRecording(false)} onRecorded={(position) => {
          setRecording(false);
          setRecorded(true);
          setMinPosition(position);
        }} />
      )}
      {recorded && <p class="notice" role="status">{t('record.done')}</p>}
      <div class="columns">
        <div><ContactSections view={v} changed={changed} /></div>
        <div><WorkSections view={v} /></div>
      </div>
      {can('party.timeline') && <Timeline partyId={id} asOf={asOf} minPosition={minPosition} />}
    </div>
  );
}
