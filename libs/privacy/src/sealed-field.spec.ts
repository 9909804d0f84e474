import { randomBytes } from 'node:crypto';
import { seal, unseal } from './sealed-field';

describe('sealed fields', () => {
  it('gives every seal its own IV, across refills of the IV pool, and each opens to its value', () => {
    const key = randomBytes(32);
    const sealed = Array.from({ length: 1000 }, (_, i) => seal(key, 'party-a', `aad-${i}`, { n: i }));
    expect(new Set(sealed.map((s) => s.iv)).size).toBe(1000);
    sealed.forEach((s, i) => expect(unseal(key, `aad-${i}`, s)).toEqual({ n: i }));
  });

  it('does not open under another place (aad)', () => {
    const key = randomBytes(32);
    expect(() => unseal(key, 'elsewhere', seal(key, 'party-a', 'here', 'x'))).toThrow();
  });
});
