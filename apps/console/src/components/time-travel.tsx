import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../api/contract';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { useLabel } from './labels';

/** ISO instant → the value of a datetime-local field in the browser's zone (minute precision). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** "As known on": a datetime-local in the browser's zone; the page address carries the instant in UTC. */
export function TimeTravel({ partyId, asOf }: { partyId: string; asOf: string | null }) {
  const { t } = useI18n();
  const [value, setValue] = useState(asOf ? toLocalInput(asOf) : '');
  useEffect(() => setValue(asOf ? toLocalInput(asOf) : ''), [asOf]);
  const apply = (e: Event) => {
    e.preventDefault();
    if (!value) return navigate(`/parties/${partyId}`, true);
    navigate(`/parties/${partyId}?asOf=${encodeURIComponent(new Date(value).toISOString())}`, true);
  };
  return (
    <form class="time-travel" onSubmit={apply}>
      <label for="as-of">{t('timeTravel.label')}</label>
      <input id="as-of" type="datetime-local" value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">{t('timeTravel.show')}</button>
      {asOf && <button type="button" onClick={() => navigate(`/parties/${partyId}`, true)}>{t('timeTravel.now')}</button>}
    </form>
  );
}

/** The view's differences between the instant shown and now (from GET /changes). */
export function Differences({ changes }: { changes: Schemas['PartyChangesResponse'] | undefined }) {
  const { t } = useI18n();
  const label = useLabel();
  if (!changes) return null;
  return (
    <section class="card differences" aria-labelledby="differences-title">
      <h2 id="differences-title">{t('timeTravel.differences')}</h2>
      {changes.view.length === 0 ? <p>{t('timeTravel.noDifferences')}</p> : (
        <table>
          <thead><tr><th scope="col">{t('timeTravel.field')}</th><th scope="col">{t('timeTravel.then')}</th><th scope="col">{t('timeTravel.nowCol')}</th></tr></thead>
          <tbody>{changes.view.map((c) => (
            <tr key={c.path}><th scope="row">{fieldName(c.path, label)}</th><td><del>{show(c.before)}</del></td><td><ins>{show(c.after)}</ins></td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

/** "contactPoints" → "Contact points" (the section's own title); other paths as the API names them. */
function fieldName(path: string, label: (prefix: string, value: string) => string): string {
  const [root, ...rest] = path.split(/[.[]/);
  return [label('section', root), ...rest.map((p) => p.replace(/]$/, ''))].join(' › ');
}

/** A value as a person reads it: lists of contact points, consents etc. by what identifies each item. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(item).join('; ');
  return typeof v === 'object' ? item(v) : String(v);
}

function item(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v);
  const o = v as Record<string, unknown>;
  if (typeof o.value === 'string') return o.scheme ? `${o.scheme}: ${o.value}` : o.value;
  if (typeof o.full === 'string') return o.full;
  if (typeof o.purpose === 'string') return `${o.purpose} (${String(o.channel ?? '')})`;
  if (typeof o.kind === 'string' && typeof o.partyId === 'string') return `${o.kind} ${o.partyId.slice(0, 8)}`;
  if (typeof o.reason === 'string') return o.reason;
  return JSON.stringify(v);
}
