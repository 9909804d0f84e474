import { useRef, useState } from 'preact/hooks';
import { api, ApiProblem, call, IdempotencyKeys, type Written } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { asProblem } from './hooks';
import { Field, ProblemMessage } from './ui';

/** Undo a merge (the merge links identities and never destroys either record). */
export function Unmerge({ partyId, onDone }: { partyId: string; onDone(position: number): void }) {
  const { t } = useI18n();
  const keys = useRef(new IdempotencyKeys());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiProblem>();
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t('merge.undo')}</button>;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { reason };
    try {
      const written = await call(api.POST('/v1/parties/{id}/merges/reversal', { params: { path: { id: partyId }, header: { 'Idempotency-Key': keys.current.for(body) } }, body }));
      keys.current.succeeded();
      setOpen(false);
      onDone((written as unknown as Written).position);
    } catch (failure) {
      setError(asProblem(failure));
    }
  };
  return (
    <form class="inline-form" onSubmit={submit}>
      <ProblemMessage error={error?.status === 422 ? undefined : error} />
      <Field id="unmerge-reason" label={t('merge.reason')} errors={error?.fieldErrors().reason}>{(d, bad) => (
        <input id="unmerge-reason" value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} aria-describedby={d} aria-invalid={bad} />
      )}</Field>
      <button type="submit">{t('merge.undo')}</button>
    </form>
  );
}

/** Merge `mergedId` into `survivorId` with a reason. */
export async function mergeParties(mergedId: string, survivorId: string, reason: string, keys: IdempotencyKeys): Promise<Written> {
  const body = { survivorPartyId: survivorId, reason };
  const result = await call(api.POST('/v1/parties/{id}/merges', { params: { path: { id: mergedId }, header: { 'Idempotency-Key': keys.for(body) } }, body }));
  keys.succeeded();
  return result as unknown as Written;
}
