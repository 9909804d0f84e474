import { WrongExpectedRevision } from './event-store.errors';
import { ExpectedRevision } from './event-store.port';

/** Throws WrongExpectedRevision unless a stream at revision `actual` (-1: no stream) satisfies `expected`. */
export function checkExpected(streamId: string, expected: ExpectedRevision, actual: number): void {
  if (!holds(expected, actual)) throw new WrongExpectedRevision(streamId, expected, actual);
}

/** Whether a stream at revision `actual` (-1: no stream) satisfies `expected`. */
export function holds(expected: ExpectedRevision, actual: number): boolean {
  return expected === 'any'
    || (expected === 'no_stream' && actual === -1)
    || (expected === 'stream_exists' && actual >= 0)
    || expected === actual;
}
