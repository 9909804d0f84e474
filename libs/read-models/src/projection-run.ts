import { RecordedEvent } from '@civic-ledger/event-store';
import { asLedgerEvent, Projection, ProjectionBatch } from './projection';
import { QUARANTINE_COLLECTION, QuarantineEntry, quarantineEntry, ReadStoreFailure } from './quarantine';
import { ReadStore } from './read-store.port';

/**
 * One batch of events through every projection, where a projection that throws on an event never
 * stalls the others: its share of that event is quarantined (an entry written with the batch) and
 * the rest is applied. The failed projection may have written part of its work into the batch, so
 * the batch is replayed from its first event into a fresh unit of work without the quarantined
 * shares. A failure of the read store itself is not quarantined; it propagates (the caller retries).
 */
export class ProjectionRun {
  batch: ProjectionBatch;
  erasureInBatch = false;
  private events: RecordedEvent[] = [];
  /** Quarantined in this batch: `<eventId>:<projection>` → entry. */
  private readonly failed = new Map<string, QuarantineEntry>();

  constructor(
    private readonly store: ReadStore,
    private readonly projections: readonly Projection[],
    private readonly onQuarantine?: (entry: QuarantineEntry) => void,
    /** Whether a projection still needs the event (false when its own checkpoint is already past it). */
    private readonly needs: (projection: Projection, event: RecordedEvent) => boolean = () => true,
  ) {
    this.batch = new ProjectionBatch(store);
  }

  async add(event: RecordedEvent): Promise<void> {
    this.events.push(event);
    if (await this.apply(event)) return;
    for (;;) {
      this.batch = new ProjectionBatch(this.store);
      this.erasureInBatch = false;
      let clean = true;
      for (const e of this.events) {
        if (!(await this.apply(e))) {
          clean = false;
          break;
        }
      }
      if (clean) return;
    }
  }

  get quarantined(): QuarantineEntry[] {
    return [...this.failed.values()];
  }

  /** Applies every projection to the event; false when one failed on it for the first time (now quarantined). */
  private async apply(event: RecordedEvent): Promise<boolean> {
    this.batch.at(event.position);
    if (event.type === 'PartyErased') this.erasureInBatch = true;
    const ledgerEvent = asLedgerEvent(event);
    for (const projection of this.projections) {
      if (!this.needs(projection, event)) continue;
      const known = this.failed.size > 0 ? this.failed.get(`${event.id}:${projection.name}`) : undefined;
      if (known) {
        this.batch.put(QUARANTINE_COLLECTION, known);
        continue;
      }
      try {
        await projection.project(ledgerEvent, event, this.batch);
      } catch (error) {
        if (error instanceof ReadStoreFailure) throw error;
        const entry = quarantineEntry(event, projection.name, error);
        this.failed.set(entry.id, entry);
        this.onQuarantine?.(entry);
        return false;
      }
    }
    return true;
  }
}
