import { RecordedEvent } from '@civic-ledger/event-store';
import { Doc, ReadStore } from './read-store.port';

/**
 * Dead letters of the read models: what a projection could not apply of an event. Kept in the
 * read-model set it was produced in (a rebuild starts with none), committed with the checkpoint.
 */
export const QUARANTINE_COLLECTION = 'quarantine';
export const QUARANTINE_INDEXES = [{ name: 'position', fields: ['position', 'id'] }];

export interface QuarantineEntry extends Doc {
  /** `<eventId>:<projection>`: one entry per event and projection. */
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly projection: string;
  /** The error's class, and its message when it comes from the JavaScript engine (never data). */
  readonly error: { readonly name: string; readonly message?: string };
  /** recordedAt of the event (deterministic: a rebuild quarantines the same way). */
  readonly recordedAt: string;
}

/**
 * Engine errors describe code (a property of undefined), not data; other messages are left out, and so
 * are Node's coded errors (ERR_INVALID_ARG_TYPE and the like quote the value they received).
 */
const ENGINE_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError']);

function engineMessage(error: unknown): string | undefined {
  if (!(error instanceof Error) || !ENGINE_ERRORS.has(error.name) || 'code' in error) return undefined;
  return error.message.slice(0, 200);
}

export function quarantineEntry(event: RecordedEvent, projection: string, error: unknown): QuarantineEntry {
  const name = error instanceof Error ? error.name : typeof error;
  const message = engineMessage(error);
  return {
    id: `${event.id}:${projection}`, eventId: event.id, eventType: event.type, streamId: event.streamId, revision: event.revision,
    position: event.position, projection, error: message ? { name, message } : { name }, recordedAt: event.recordedAt,
  };
}

/** Creates the quarantine collection of a read-model set (the projector does on start). */
export function ensureQuarantine(store: ReadStore): Promise<void> {
  return store.ensureCollection(QUARANTINE_COLLECTION, QUARANTINE_INDEXES);
}

/** Every quarantined event of a read-model set, oldest first (after ensureQuarantine on this store instance). */
export function listQuarantine(store: ReadStore, limit?: number): Promise<QuarantineEntry[]> {
  return store.find<QuarantineEntry>(QUARANTINE_COLLECTION, { orderBy: [{ field: 'position', direction: 'asc' }, { field: 'id', direction: 'asc' }], limit });
}

/** Raised by a projection context when the read store itself fails: retried, never quarantined. */
export class ReadStoreFailure extends Error {
  constructor(cause: unknown) {
    super('The read store failed.', { cause });
    this.name = cause instanceof Error ? cause.name : 'ReadStoreFailure';
  }
}
