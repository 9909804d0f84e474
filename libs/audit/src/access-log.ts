import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AccessLedgerEntry, accessLogStreamId, accessLogStreamIdOf, PARTY_RECORDS_ACCESSED, PartyRecordsAccessed } from '@civic-ledger/domain';
import { EventStore, NewEvent } from '@civic-ledger/event-store';

export { accessLogStreamId };

interface AccessCommon {
  /** Who looked (the token's subject, or `cli:<os user>`). */
  readonly actor: string;
  readonly role: string;
  /** What was read: view, timeline, changes, export, replay, … */
  readonly endpoint: string;
  /** The reason the reader gave (X-Purpose), if any. */
  readonly purpose?: string;
  readonly correlationId?: string;
  readonly at: Date;
}

/** One look at a party's record by a person ("viewed"), or one listing of parties shown to a person ("listed": a search). */
export type AccessRecord = (AccessCommon & { readonly partyId: string }) | (AccessCommon & { readonly access: 'listed'; readonly partyIds: readonly string[] });

export interface AccessLogOptions {
  /**
   * Longest an access waits before its batch is appended: by default none, the batch is appended after
   * the event-loop turn that recorded it (every read answered in that turn shares one append).
   */
  readonly flushMs?: number;
  /** Appends at once when this many are waiting. */
  readonly maxBatch?: number;
  readonly onError?: (error: unknown) => void;
}

interface Queued {
  readonly access: AccessRecord;
  readonly stored: { resolve: () => void; reject: (error: unknown) => void };
}

const noop = () => undefined;

/**
 * The access ledger: every read of a party's record by a person is recorded in a PartyRecordsAccessed
 * event. Recording queues the access and returns a promise that settles once it is in the event store
 * (durable): a read answers after its access is stored, never before. The accesses of one event-loop turn
 * share one append (group commit), and while an append runs the next batch gathers behind it. A batch that
 * fails rejects its readers' promises (their reads are refused) and is kept and retried with the next one.
 */
export class AccessLog {
  private queue: Queued[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(private readonly events: EventStore, private readonly options: AccessLogOptions = {}) {
    this.flushMs = options.flushMs ?? 0;
    this.maxBatch = options.maxBatch ?? 500;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Queues one access; resolves once it is stored. Callers that do not wait for it need not catch it. */
  record(access: AccessRecord): Promise<void> {
    let stored!: Queued['stored'];
    const done = new Promise<void>((resolve, reject) => { stored = { resolve, reject }; });
    done.catch(noop); // a caller that does not wait is not an unhandled rejection; one that waits still sees it
    this.queue.push({ access, stored });
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.schedule(this.flushMs);
    return done;
  }

  private schedule(ms: number): void {
    if (this.timer || this.immediate) return;
    if (ms <= 0) {
      // Not unref'd: a short-lived process (the CLI) waiting on its record stays until the record is stored.
      this.immediate = setImmediate(() => void this.flush());
    } else {
      this.timer = setTimeout(() => void this.flush(), ms);
      this.timer.unref();
    }
  }

  /** Appends everything recorded so far; resolves once it is in the event store. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.flushing = this.flushing.then(() => this.appendQueued());
    return this.flushing;
  }

  /** One event per day stream and batch, listing every access in it: the chain and hash cost is per batch, not per read. */
  private async appendQueued(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    // Each access's time as text once: its entry's `at`, and its day stream from the same text.
    const byDay = new Map<string, { queued: Queued[]; entries: AccessLedgerEntry[] }>();
    for (const queued of batch) {
      const at = queued.access.at.toISOString();
      const stream = accessLogStreamIdOf(at);
      const day = byDay.get(stream);
      if (day) {
        day.queued.push(queued);
        day.entries.push(toEntry(queued.access, at));
      } else {
        byDay.set(stream, { queued: [queued], entries: [toEntry(queued.access, at)] });
      }
    }
    for (const [stream, { queued, entries }] of byDay) {
      // One append per day stream and batch, whatever the parties.
      const data: PartyRecordsAccessed['data'] = { accesses: entries };
      const event: NewEvent = {
        // Time-ordered (UUIDv7): the access log's documents are named after the event, so its id index grows at
        // its end instead of taking each batch's entries at a random place (about 7 % of the worker's CPU per read).
        id: uuidv7(), type: PARTY_RECORDS_ACCESSED,
        data: { ...data },
        occurredAt: entries[entries.length - 1].at, actor: ACCESS_LEDGER_ACTOR,
        correlationId: randomUUID(), causationId: null, schemaVersion: 1,
      };
      try {
        await this.events.append(stream, [event], 'any');
        for (const q of queued) q.stored.resolve();
      } catch (error) {
        // The readers waiting on this batch are refused; the accesses stay queued (already settled) and are retried.
        for (const q of queued) q.stored.reject(error);
        this.queue = [...queued.map((q) => ({ access: q.access, stored: { resolve: noop, reject: noop } })), ...this.queue];
        this.options.onError?.(error);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), Math.max(this.flushMs, 1000));
          this.timer.unref();
        }
      }
    }
  }
}

/** The actor of the batch events themselves (each access names its reader). */
export const ACCESS_LEDGER_ACTOR = 'civic-ledger:access-ledger';

/** The entry as stored: the same members in the same order as spreading them would give, built without spread (a read's hot path). */
function toEntry(access: AccessRecord, at: string): AccessLedgerEntry {
  const entry: Record<string, unknown> = 'partyId' in access ? { partyId: access.partyId } : { access: 'listed', partyIds: [...access.partyIds] };
  entry.actor = access.actor;
  entry.role = access.role;
  entry.endpoint = access.endpoint;
  entry.at = at;
  if (access.purpose) entry.purpose = access.purpose;
  if (access.correlationId) entry.correlationId = access.correlationId;
  return entry as unknown as AccessLedgerEntry;
}
