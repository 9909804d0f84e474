import { newEvent } from '../event-store.contract';
import { AppendRequest, packBatch, prepareEvent, unpackBatch } from './append-writer';

describe('a batch packed for the writer thread', () => {
  it('unpacks to the same requests: several streams, several events each, every kind of expected revision', () => {
    const batch: AppendRequest[] = [
      { streamId: 'party-1', expected: 'no_stream', events: [prepareEvent('party-1', newEvent()), prepareEvent('party-1', newEvent())] },
      { streamId: 'interaction-2', expected: 7, events: [prepareEvent('interaction-2', { ...newEvent(), idempotency: { key: 'k|1', requestHash: 'h' } })] },
      { streamId: 'x-3', expected: 'any', events: [prepareEvent('x-3', newEvent())] },
      { streamId: 'x-4', expected: 'stream_exists', events: [prepareEvent('x-4', newEvent()), prepareEvent('x-4', newEvent()), prepareEvent('x-4', newEvent())] },
      { streamId: 'x-5', expected: 0, events: [] },
    ];
    const packed = packBatch(batch);
    expect(packed.every((v) => typeof v === 'string' || typeof v === 'number')).toBe(true);
    expect(unpackBatch(structuredClone(packed))).toEqual(batch);
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });
});
