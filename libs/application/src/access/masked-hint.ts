import { PartyView } from '@civic-ledger/read-models';

/** Which contact point or identifier a hint is made from. */
export type HintKind = 'email' | 'phone' | 'identifier';

const DOT = '•';
const dots = (n: number) => DOT.repeat(n);

/** `jane.doe@example.org` → `j•••@example.org`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return dots(3);
  return `${email[0]}${dots(3)}${email.slice(at)}`;
}

/** `+441632960123` → `••• ••• 0123`: the last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 7 ? `${dots(3)} ${dots(3)}` : `${dots(3)} ${dots(3)} ${digits.slice(-4)}`;
}

/** `client-number: CN-0042-7781` → `client-number ••••781`: the scheme and at most the last third (three characters at most). */
export function maskIdentifier(scheme: string, value: string): string {
  const shown = Math.min(3, Math.floor(value.length / 3));
  return `${scheme} ${dots(4)}${shown > 0 ? value.slice(-shown) : ''}`;
}

/**
 * A masked hint that tells two people of the same name apart in a list without showing more of their
 * record than a glance: from the kind searched for when the party has one, else its first e-mail, phone
 * or identifier. Null when it has none (or after erasure).
 */
export function partyHint(party: Pick<PartyView, 'contactPoints' | 'identifiers' | 'status'>, prefer?: HintKind): string | null {
  if (party.status === 'erased') return null;
  const order: HintKind[] = prefer ? [prefer, ...(['email', 'phone', 'identifier'] as const).filter((k) => k !== prefer)] : ['email', 'phone', 'identifier'];
  for (const kind of order) {
    if (kind === 'identifier') {
      const identifier = party.identifiers[0];
      if (identifier) return maskIdentifier(identifier.scheme, identifier.value);
      continue;
    }
    const point = party.contactPoints.find((c) => c.kind === kind);
    if (point) return kind === 'email' ? maskEmail(point.value) : maskPhone(point.value);
  }
  return null;
}
