import { maskEmail, maskIdentifier, maskPhone, partyHint } from './masked-hint';

const party = (contactPoints: { kind: string; value: string }[], identifiers: { scheme: string; value: string }[] = [], status: 'active' | 'erased' = 'active') => ({
  status, contactPoints: contactPoints.map((c, i) => ({ id: `cp-${i}`, verified: false, since: '2024-01-01T00:00:00.000Z', ...c })),
  identifiers: identifiers.map((i) => ({ since: '2024-01-01T00:00:00.000Z', ...i })),
});

describe('masked hints', () => {
  it('show an e-mail\'s first letter and domain, a phone\'s last four digits, an identifier\'s scheme and last characters', () => {
    expect(maskEmail('jane.doe@example.org')).toBe('j•••@example.org');
    expect(maskPhone('+441632960123')).toBe('••• ••• 0123');
    expect(maskIdentifier('client-number', 'CN-0042-7781')).toBe('client-number ••••781');
  });

  it('never show most of a short value', () => {
    expect(maskIdentifier('nin', 'AB12')).toBe('nin ••••2');
    expect(maskIdentifier('x', 'AB')).toBe('x ••••');
    expect(maskPhone('12345')).toBe('••• •••');
    expect(maskEmail('@nodomain')).toBe('•••');
  });

  it('come from the kind searched for, else the first e-mail, phone or identifier; none after erasure', () => {
    const p = party([{ kind: 'phone', value: '+441632960123' }, { kind: 'email', value: 'ada@example.org' }], [{ scheme: 'client-number', value: 'CN-778899' }]);
    expect(partyHint(p)).toBe('a•••@example.org');
    expect(partyHint(p, 'phone')).toBe('••• ••• 0123');
    expect(partyHint(p, 'identifier')).toBe('client-number ••••899');
    expect(partyHint(party([{ kind: 'postal', value: '1 High St' }]))).toBeNull();
    expect(partyHint(party([{ kind: 'email', value: 'ada@example.org' }], [], 'erased'))).toBeNull();
  });
});
