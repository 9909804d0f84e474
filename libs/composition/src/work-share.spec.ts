import { fairShare, liveWorkers, surplus } from './work-share';

describe('sharing the work between workers', () => {
  it('splits the pieces evenly, rounded up, so that every piece finds an owner', () => {
    expect(fairShare(8, 1)).toBe(8);
    expect(fairShare(8, 2)).toBe(4);
    expect(fairShare(8, 3)).toBe(3);
    expect(fairShare(7, 2)).toBe(4);
    expect(fairShare(8, 0)).toBe(8);
    for (const workers of [1, 2, 3, 5, 9]) expect(fairShare(8, workers) * workers).toBeGreaterThanOrEqual(8);
  });

  it('gives up the pieces held last in work order, always the same ones', () => {
    const order = ['projection:a', 'projection:b', 'projection:c', 'kafka-relay', 'checkpoints'];
    const held = new Set(order);
    expect(surplus(order, held, 3)).toEqual(['checkpoints', 'kafka-relay']);
    expect(surplus(order, new Set(['projection:a', 'kafka-relay']), 2)).toEqual([]);
    expect(surplus(order, new Set(['projection:c', 'projection:a', 'checkpoints']), 1)).toEqual(['checkpoints', 'projection:c']);
  });

  it('counts the workers whose presence lease is in force and whose process is not known dead, itself included', () => {
    const presence = [
      { name: 'worker:a', owner: 'a', expiresAt: 2_000 },
      { name: 'worker:b', owner: 'b', expiresAt: 500 },
      { name: 'worker:c', owner: 'c', expiresAt: 2_000 },
    ];
    expect(liveWorkers(presence, 'self', 1_000, (owner) => owner === 'c')).toEqual(['a', 'self']);
    expect(liveWorkers(presence, 'a', 1_000, () => false)).toEqual(['a', 'c']);
  });
});
