import { Fragment } from 'preact';
import type { Schemas } from '../api/contract';
import { useI18n } from '../i18n/i18n';
import { Channel, SlaBadge, useLabel } from './labels';
import { Section } from './ui';

type View = Schemas['PartyViewResponse'];

/** Marks a section whose facts differ between the time-travel instant and now. */
function Changed({ when }: { when: boolean }) {
  const { t } = useI18n();
  return when ? <p class="changed-note">{t('timeTravel.sectionChanged')}</p> : null;
}

export function ContactSections({ view, changed }: { view: View; changed: (root: string) => boolean }) {
  const { t, date, dateTime } = useI18n();
  const label = useLabel();
  return (
    <>
      <Section id="contact-points" title={t('party.contactPoints')}>
        <div class={changed('contactPoints') ? 'changed' : ''}>
          <Changed when={changed('contactPoints')} />
          {view.contactPoints.length === 0 ? <p>{t('common.none')}</p> : (
            <ul>{view.contactPoints.map((c) => (
              <li key={c.id}>{label('contactKind', c.kind)}: {c.kind === 'postal' ? formatAddress(c.address) || c.value : c.value}
                {c.verified ? ` (${t('party.verified')})` : ''}</li>
            ))}</ul>
          )}
        </div>
      </Section>
      <Section id="identifiers" title={t('party.identifiers')}>
        <div class={changed('identifiers') ? 'changed' : ''}>
          <Changed when={changed('identifiers')} />
          {view.identifiers.length === 0 ? <p>{t('common.none')}</p> : (
            <dl class="pairs">{view.identifiers.map((i) => <Fragment key={`${i.scheme}:${i.value}`}><dt>{i.scheme}</dt><dd>{i.value}</dd></Fragment>)}</dl>
          )}
        </div>
      </Section>
      <Section id="relationships" title={t('party.relationships')}>
        <div class={changed('relationships') ? 'changed' : ''}>
          <Changed when={changed('relationships')} />
          {view.relationships.length === 0 ? <p>{t('common.none')}</p> : (
            <ul>{view.relationships.map((r) => (
              <li key={r.id}>
                {label('relationship', r.kind)} ({t(r.direction === 'outgoing' ? 'party.relOutgoing' : 'party.relIncoming')}):{' '}
                <a href={`/console/parties/${r.partyId}`}>{t('party.relatedParty', { id: r.partyId.slice(0, 8) })}</a>
              </li>
            ))}</ul>
          )}
        </div>
      </Section>
      <Section id="consents" title={t('party.consents')}>
        <div class={changed('consents') ? 'changed' : ''}>
          <Changed when={changed('consents')} />
          {view.consents.length === 0 ? <p>{t('party.noConsents')}</p> : (
            <ul>{view.consents.map((c) => <li key={`${c.purpose}-${c.channel}`}>{t('party.consentLine', { purpose: c.purpose, channel: label('channel', c.channel), since: date(c.since) })}</li>)}</ul>
          )}
          {(view.consentHistory?.length ?? 0) > 0 && (
            <details>
              <summary>{t('party.consentHistory')}</summary>
              <table>
                <caption class="visually-hidden">{t('party.consentHistory')}</caption>
                <thead><tr><th scope="col">{t('party.when')}</th><th scope="col">{t('party.purpose')}</th><th scope="col">{t('party.channelCol')}</th><th scope="col">{t('party.action')}</th></tr></thead>
                <tbody>{view.consentHistory?.map((h, n) => (
                  <tr key={n}><td>{dateTime(h.at)}</td><td>{h.purpose}</td><td>{label('channel', h.channel)}</td><td>{t(h.action === 'given' ? 'party.consentGiven' : 'party.consentWithdrawn')}</td></tr>
                ))}</tbody>
              </table>
            </details>
          )}
        </div>
      </Section>
    </>
  );
}

export function WorkSections({ view }: { view: View }) {
  const { t, date, dateTime, number } = useI18n();
  const counts = Object.entries(view.interactionCounts ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <Section id="open-correspondence" title={t('party.openCorrespondence')}>
        {(view.openCorrespondence?.length ?? 0) === 0 ? <p>{t('common.none')}</p> : (
          <ul class="correspondence-list">{view.openCorrespondence?.map((c) => (
            <li key={c.id}>
              <a href={`/console/correspondence/${c.id}`}>{c.subject}</a> · {t('correspondence.due', { date: date(c.dueAt) })} · <SlaBadge dueAt={c.dueAt} status={c.status} />
            </li>
          ))}</ul>
        )}
      </Section>
      <Section id="contacts" title={t('party.contacts')}>
        {counts.length === 0 ? <p>{t('party.noContacts')}</p> : (
          <ul class="counts">{counts.map(([channel, n]) => <li key={channel}><Channel channel={channel} />: {number(n)}</li>)}</ul>
        )}
        <p>{t('party.lastContact')}: {view.lastContact ? <>{dateTime(view.lastContact.at)} (<Channel channel={view.lastContact.channel} />)</> : t('common.none')}</p>
      </Section>
    </>
  );
}

function formatAddress(address: Record<string, unknown> | undefined): string {
  if (!address) return '';
  return ['lines', 'locality', 'region', 'postalCode', 'country']
    .flatMap((k) => (Array.isArray(address[k]) ? (address[k] as string[]) : address[k] ? [String(address[k])] : []))
    .join(', ');
}
