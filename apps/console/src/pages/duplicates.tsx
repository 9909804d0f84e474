import { useRef, useState } from 'preact/hooks';
import { api, ApiProblem, call, IdempotencyKeys, readAfter } from '../api/client';
import type { DuplicateGroup } from '../api/contract';
import { asProblem, useLoad } from '../components/hooks';
import { useLabel } from '../components/labels';
import { mergeParties } from '../components/merge';
import { Field, Loading, PageHeading, ProblemMessage } from '../components/ui';
import { useI18n } from '../i18n/i18n';

/** Supervisors: parties sharing an exact e-mail, phone or identifier; merge the others into the one chosen to survive. */
export function Duplicates() {
  const { t } = useI18n();
  const [merged, setMerged] = useState<{ name: string; position: number } | null>(null);
  const after = merged?.position ?? null;
  const groups = useLoad(() => call(api.GET('/v1/parties/duplicates', { params: { query: { limit: 50 } }, headers: readAfter(after) })), [after]);
  return (
    <div>
      <PageHeading title={t('duplicates.title')}>{t('duplicates.title')}</PageHeading>
      <p>{t('duplicates.intro')}</p>
      <p role="status">{merged && t('duplicates.merged', { name: merged.name })}</p>
      <Loading when={groups.loading} />
      <ProblemMessage error={groups.error} />
      {groups.data && groups.data.items.length === 0 && <p>{t('duplicates.none')}</p>}
      {groups.data?.items.map((g, n) => <Group key={`${g.key}-${n}`} group={g} n={n} onMerged={(name, position) => setMerged({ name, position })} />)}
    </div>
  );
}

function Group({ group, n, onMerged }: { group: DuplicateGroup; n: number; onMerged(survivorName: string, position: number): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const keys = useRef(new IdempotencyKeys());
  const [survivor, setSurvivor] = useState(group.parties[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiProblem>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      let position = 0;
      for (const p of group.parties.filter((x) => x.id !== survivor)) ({ position } = await mergeParties(p.id, survivor, reason, keys.current));
      onMerged(group.parties.find((x) => x.id === survivor)?.displayName ?? survivor, position);
    } catch (failure) {
      setError(asProblem(failure));
    }
  };
  const title = `${label('duplicateKey', group.key)}: ${group.hint}`;
  return (
    <section class="card" aria-labelledby={`dup-${n}`}>
      <h2 id={`dup-${n}`}>{title}</h2>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('duplicates.survivor')}</legend>
          {group.parties.map((p) => (
            <div key={p.id} class="choice">
              <input type="radio" id={`dup-${n}-${p.id}`} name={`dup-${n}`} value={p.id} checked={survivor === p.id} onChange={() => setSurvivor(p.id)} />
              <label for={`dup-${n}-${p.id}`}>{p.displayName}</label> (<a href={`/console/parties/${p.id}`}>{t('duplicates.open', { name: p.displayName })}</a>)
            </div>
          ))}
        </fieldset>
        <ProblemMessage error={error?.status === 422 ? undefined : error} />
        <Field id={`dup-${n}-reason`} label={t('merge.reason')} errors={error?.fieldErrors().reason}>{(d, bad) => (
          <input id={`dup-${n}-reason`} value={reason} required onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} aria-describedby={d} aria-invalid={bad} />
        )}</Field>
        <button type="submit" class="primary">{t('duplicates.merge')}</button>
      </form>
    </section>
  );
}
