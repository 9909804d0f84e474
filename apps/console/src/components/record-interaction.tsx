import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem, call, IdempotencyKeys } from '../api/client';
import type { Schemas } from '../api/contract';
import { useI18n } from '../i18n/i18n';
import { useAccess } from '../session/session';
import { asProblem } from './hooks';
import { CHANNELS } from './labels';
import { Field, ProblemMessage } from './ui';

type Body = Schemas['RecordInteractionDto'];
const CONFIDENTIALITY = ['normal', 'sensitive', 'restricted'] as const;

/** "now" for a datetime-local field: the browser's own zone, minute precision. */
export function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The form behind "Record interaction": labelled fields, the API's field errors next to them, and one
 * Idempotency-Key per body so that sending again after a lost answer never records twice.
 */
export function RecordInteraction({ partyId, onRecorded, onCancel }: { partyId: string; onRecorded(position: number): void; onCancel(): void }) {
  const { t } = useI18n();
  const { me } = useAccess();
  const keys = useRef(new IdempotencyKeys());
  const first = useRef<HTMLSelectElement>(null);
  const [form, setForm] = useState({
    channel: 'phone', direction: 'inbound', summary: '', topics: '', outcome: '', occurredAt: localNow(),
    department: me.departments[0] ?? '', confidentiality: 'normal',
  });
  const [error, setError] = useState<ApiProblem | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => first.current?.focus(), []);

  const fieldErrors = error?.fieldErrors() ?? {};
  const errorsFor = (name: string) => Object.entries(fieldErrors).filter(([f]) => f === name || f.startsWith(`${name}.`) || f.startsWith(`${name}[`)).flatMap(([, m]) => m);
  const set = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Body = {
      channel: form.channel as Body['channel'], direction: form.direction as Body['direction'], partyIds: [partyId],
      summary: form.summary, department: form.department.trim(), confidentiality: form.confidentiality as Body['confidentiality'],
      topics: form.topics.split(',').map((s) => s.trim()).filter(Boolean),
      occurredAt: form.occurredAt ? new Date(form.occurredAt).toISOString() : '',
      ...(form.outcome.trim() ? { outcome: form.outcome.trim() } : {}),
    };
    setBusy(true);
    try {
      const result = await call(api.POST('/v1/interactions', { body, params: { header: { 'Idempotency-Key': keys.current.for(body) } } }));
      keys.current.succeeded();
      onRecorded((result as { position: number }).position);
    } catch (failure) {
      setError(asProblem(failure));
      setBusy(false);
    }
  };

  const departments = me.allDepartments ? [] : me.departments;
  return (
    <form class="card record-form" onSubmit={submit} aria-labelledby="record-title" noValidate>
      <h2 id="record-title">{t('record.title')}</h2>
      {error && error.status !== 422 && error.status !== 400 && <ProblemMessage error={error} />}
      {error && (error.status === 422 || error.status === 400) && <p class="problem" role="alert">{t('record.fixErrors')}</p>}
      <div class="grid">
        <Field id="r-channel" label={t('record.channel')} errors={errorsFor('channel')}>{(d, bad) => (
          <select id="r-channel" ref={first} value={form.channel} onChange={set('channel')} aria-describedby={d} aria-invalid={bad}>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
          </select>
        )}</Field>
        <Field id="r-direction" label={t('record.direction')} errors={errorsFor('direction')}>{(d, bad) => (
          <select id="r-direction" value={form.direction} onChange={set('direction')} aria-describedby={d} aria-invalid={bad}>
            <option value="inbound">{t('direction.inbound')}</option>
            <option value="outbound">{t('direction.outbound')}</option>
          </select>
        )}</Field>
        <Field id="r-occurred" label={t('record.occurredAt')} errors={errorsFor('occurredAt')}>{(d, bad) => (
          <input id="r-occurred" type="datetime-local" value={form.occurredAt} onInput={set('occurredAt')} aria-describedby={d} aria-invalid={bad} />
        )}</Field>
        <Field id="r-department" label={t('record.department')} errors={errorsFor('department')}>{(d, bad) => departments.length > 0 ? (
          <select id="r-department" value={form.department} onChange={set('department')} aria-describedby={d} aria-invalid={bad}>
            {departments.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        ) : <input id="r-department" value={form.department} onInput={set('department')} aria-describedby={d} aria-invalid={bad} />}</Field>
        <Field id="r-confidentiality" label={t('record.confidentiality')} errors={errorsFor('confidentiality')}>{(d, bad) => (
          <select id="r-confidentiality" value={form.confidentiality} onChange={set('confidentiality')} aria-describedby={d} aria-invalid={bad}>
            {CONFIDENTIALITY.filter((c) => me.confidentiality.includes(c)).map((c) => <option key={c} value={c}>{t(`confidentiality.${c}`)}</option>)}
          </select>
        )}</Field>
      </div>
      <Field id="r-summary" label={t('record.summary')} errors={errorsFor('summary')}>{(d, bad) => (
        <textarea id="r-summary" rows={3} value={form.summary} onInput={set('summary')} aria-describedby={d} aria-invalid={bad} />
      )}</Field>
      <Field id="r-topics" label={t('record.topics')} hint={t('record.topicsHint')} errors={errorsFor('topics')}>{(d, bad) => (
        <input id="r-topics" value={form.topics} onInput={set('topics')} aria-describedby={d} aria-invalid={bad} />
      )}</Field>
      <Field id="r-outcome" label={t('record.outcome')} errors={errorsFor('outcome')}>{(d, bad) => (
        <input id="r-outcome" value={form.outcome} onInput={set('outcome')} aria-describedby={d} aria-invalid={bad} />
      )}</Field>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>{t('record.submit')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
