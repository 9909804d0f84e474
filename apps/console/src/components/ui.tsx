import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem } from '../api/client';
import { useI18n } from '../i18n/i18n';

let focusNextHeading = false;
/** After a client-side navigation the next page heading takes focus (screen readers announce the new page). */
export function focusHeadingOnNextPage(): void {
  focusNextHeading = true;
}

export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
    if (focusNextHeading) {
      focusNextHeading = false;
      ref.current?.focus();
    }
  }, [title]);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

/** A failed call in words: the API's problem detail, or what went wrong in the user's language. */
/** A page the role may not use: its heading and why, nothing else (the API would refuse it anyway). */
export function NotAllowed({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <div>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="problem" role="alert">{t('error.forbidden')}</p>
    </div>
  );
}

export function ProblemMessage({ error }: { error: ApiProblem | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = error.status === 0 ? t('error.network')
    : error.status === 403 ? t('error.forbidden')
    : error.status === 404 ? t('error.notFound')
    : error.problem.detail || error.problem.title;
  return <p class="problem" role="alert">{text}</p>;
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useI18n();
  return when ? <p class="loading" role="status">{t('common.loading')}</p> : null;
}

interface FieldProps {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** A labelled control with its hint and the API's validation messages next to it (announced, linked by aria-describedby). */
export function Field({ id, label, errors, hint, children }: FieldProps) {
  const ids = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${errors?.length ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {children(ids, Boolean(errors?.length))}
      {errors?.length ? <p class="field-error" id={`${id}-error`}>{errors.join(' ')}</p> : null}
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id: string }) {
  return (
    <section aria-labelledby={id} class="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
