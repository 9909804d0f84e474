import { WrongExpectedRevision } from './event-store.errors';
import { ExpectedRevision } from './event-store.port';

/** Throws WrongExpectedRevision unless a stream at revision `actual` (-1: no stream) satisfies `expected`. */
export function checkExpected(streamId: string, expected: ExpectedRevision, actual: number): void {
  const ok = expected === 'any'
    || (expected === 'no_stream' && actual === -1)
    || (expected === 'stream_exists' && actual >= 0)
    || expected === actual;
  if (!ok) throw new WrongExpectedRevision(streamId, expected, actual);
}
