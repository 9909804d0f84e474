import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, ApiProblem, call, IdempotencyKeys, readAfter, type Written } from '../api/client';
import type { Schemas } from '../api/contract';
import { asProblem, useLoad } from '../components/hooks';
import { SlaBadge, useLabel } from '../components/labels';
import { Field, Loading, PageHeading, ProblemMessage, Section } from '../components/ui';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { useAccess } from '../session/session';

type View = Schemas['CorrespondenceViewResponse'];
type Step = 'acknowledge' | 'assign' | 'respond' | 'close' | 'reopen';
interface StepSpec { fields: { name: string; label: MessageKey; required: boolean; options?: readonly string[] }[] }

const RESPONSE_CHANNELS = ['letter', 'email', 'web-form', 'counter', 'fax'] as const;
const STEPS: Record<Step, StepSpec> = {
  acknowledge: { fields: [{ name: 'note', label: 'step.note', required: false }] },
  assign: { fields: [{ name: 'assigneeId', label: 'step.assignee', required: true }] },
  respond: { fields: [{ name: 'summary', label: 'step.summary', required: true }, { name: 'channel', label: 'step.channel', required: true, options: RESPONSE_CHANNELS }] },
  close: { fields: [{ name: 'resolution', label: 'step.resolution', required: true }] },
  reopen: { fields: [{ name: 'reason', label: 'step.reason', required: true }] },
};

/** The lifecycle steps that make sense from a status (the API decides; this only offers them). */
function stepsFrom(status: View['status']): Step[] {
  switch (status) {
    case 'received': return ['acknowledge', 'assign'];
    case 'acknowledged': return ['assign', 'respond'];
    case 'assigned': return ['assign', 'respond'];
    case 'responded': return ['close'];
    case 'closed': return ['reopen'];
  }
}

export function CorrespondenceDetail({ id }: { id: string }) {
  const { t, date, dateTime } = useI18n();
  const label = useLabel();
  const { can } = useAccess();
  const [after, setAfter] = useState<number | null>(null);
  const item = useLoad(() => call(api.GET('/v1/correspondence/{id}', { params: { path: { id } }, headers: readAfter(after) })), [id, after]);
  if (!item.data) {
    return (<div><PageHeading title={t('correspondence.title')}>{t('correspondence.title')}</PageHeading><Loading when={item.loading} /><ProblemMessage error={item.error} /></div>);
  }
  const c = item.data;
  return (
    <div>
      <PageHeading title={c.subject}>{c.subject}</PageHeading>
      <dl class="pairs facts">
        <dt>{t('correspondence.status')}</dt><dd class="status">{label('status', c.status)}</dd>
        <dt>{t('correspondence.dueDate')}</dt><dd>{date(c.dueAt)} <SlaBadge dueAt={c.dueAt} status={c.status} /></dd>
        <dt>{t('correspondence.department')}</dt><dd>{c.department}</dd>
        <dt>{t('correspondence.received')}</dt><dd>{dateTime(c.receivedAt)} ({label('channel', c.channel)})</dd>
        <dt>{t('correspondence.assignee')}</dt><dd>{c.assigneeId ?? t('common.none')}</dd>
        <dt>{t('correspondence.parties')}</dt>
        <dd>{c.partyIds.map((p, n) => <Fragment key={p}>{n > 0 && ', '}<a href={`/console/parties/${p}`}>{t('party.relatedParty', { id: p.slice(0, 8) })}</a></Fragment>)}</dd>
      </dl>
      {can('correspondence.handle') && (
        <Section id="steps-actions" title={t('correspondence.actions')}>
          {stepsFrom(c.status).map((step) => <StepForm key={`${step}-${c.revision}`} id={id} step={step} onDone={setAfter} />)}
        </Section>
      )}
      <Section id="history" title={t('correspondence.history')}>
        <ol>{c.steps.map((s, n) => <li key={n}>{dateTime(s.at)} · {label('stepDone', s.step)} · {s.actor}</li>)}</ol>
      </Section>
    </div>
  );
}

function StepForm({ id, step, onDone }: { id: string; step: Step; onDone(position: number): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const keys = useRef(new IdempotencyKeys());
  const spec = STEPS[step];
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(spec.fields.map((f) => [f.name, f.options?.[0] ?? ''])));
  const [error, setError] = useState<ApiProblem>();
  const errors = error?.fieldErrors() ?? {};
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    try {
      const written = await call(api.POST(`/v1/correspondence/{id}/${step}` as '/v1/correspondence/{id}/close', {
        params: { path: { id }, header: { 'Idempotency-Key': keys.current.for(body) } }, body: body as never,
      }));
      keys.current.succeeded();
      onDone((written as unknown as Written).position);
    } catch (failure) {
      setError(asProblem(failure));
    }
  };
  return (
    <form class="step-form" onSubmit={submit} aria-label={label('step', step)}>
      {error && error.status !== 422 && <ProblemMessage error={error} />}
      {spec.fields.map((f) => (
        <Field key={f.name} id={`${step}-${f.name}`} label={t(f.label)} errors={errors[f.name]}>{(d, bad) => f.options ? (
          <select id={`${step}-${f.name}`} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLSelectElement).value })} aria-describedby={d} aria-invalid={bad}>
            {f.options.map((o) => <option key={o} value={o}>{label('channel', o)}</option>)}
          </select>
        ) : (
          <input id={`${step}-${f.name}`} value={values[f.name]} onInput={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLInputElement).value })} aria-describedby={d} aria-invalid={bad} />
        )}</Field>
      ))}
      <button type="submit">{label('step', step)}</button>
    </form>
  );
}
