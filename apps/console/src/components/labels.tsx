import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';

/** A small glyph per channel (decorative; the text label always follows it). */
const GLYPHS: Record<string, string> = {
  phone: '☎', email: '✉', counter: '⌂', 'web-form': '⌨', letter: '✎', sms: '✆', chat: '…', social: '#', 'field-visit': '⚑', fax: '⎙',
};

export const CHANNELS = ['phone', 'email', 'counter', 'web-form', 'letter', 'sms', 'chat', 'social', 'field-visit'] as const;

/** "channel.phone" etc.: a message key built from an API value (unknown values fall back to the value itself). */
export function useLabel(): (prefix: string, value: string | undefined) => string {
  const { t } = useI18n();
  return (prefix, value) => {
    if (!value) return '—';
    const key = `${prefix}.${value}` as MessageKey;
    const text = t(key);
    return text === key ? value : text;
  };
}

export function Channel({ channel }: { channel: string | undefined }) {
  const label = useLabel();
  if (!channel) return null;
  return (
    <span class={`channel channel-${channel}`}>
      <span class="glyph" aria-hidden="true">{GLYPHS[channel] ?? '•'}</span> {label('channel', channel)}
    </span>
  );
}

export type Sla = 'overdue' | 'due-soon' | 'on-time' | 'closed';
const SOON_MS = 2 * 24 * 3600 * 1000;

/** Overdue past the due date, due soon within two days, else on time; closed correspondence has no SLA state. */
export function slaOf(dueAt: string, status: string, now = Date.now()): Sla {
  if (status === 'closed') return 'closed';
  const left = Date.parse(dueAt) - now;
  return left < 0 ? 'overdue' : left < SOON_MS ? 'due-soon' : 'on-time';
}

/** SLA state in colour and in words (never colour alone). */
export function SlaBadge({ dueAt, status }: { dueAt: string; status: string }) {
  const label = useLabel();
  const sla = slaOf(dueAt, status);
  return <span class={`sla sla-${sla}`}>{label('sla', sla)}</span>;
}
