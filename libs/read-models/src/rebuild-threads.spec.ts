import { LEDGER_PROJECTIONS } from './projections/ledger-projections';
import { projectionGroups } from './rebuild-threads';

const names = LEDGER_PROJECTIONS.map((p) => p.name);
const groupOf = (groups: string[][], prefix: string) => groups.findIndex((g) => g.some((n) => n.startsWith(prefix)));

describe('dealing projections among rebuild threads', () => {
  it.each([1, 2, 3, 4, 6, 16])('gives every projection to exactly one of at most %i threads, none empty', (threads) => {
    const groups = projectionGroups(LEDGER_PROJECTIONS, threads);
    expect(groups).toHaveLength(Math.min(threads, names.length));
    expect(groups.every((g) => g.length > 0)).toBe(true);
    expect(groups.flat().sort()).toEqual([...names].sort());
  });

  it('keeps the two heaviest, timeline and interactions, apart as soon as there are two threads', () => {
    for (const threads of [2, 3, 4]) {
      const groups = projectionGroups(LEDGER_PROJECTIONS, threads);
      expect(groupOf(groups, 'timeline.')).not.toBe(groupOf(groups, 'interactions.'));
    }
  });
});
