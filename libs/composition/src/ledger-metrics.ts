import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { QuarantineEntry } from '@civic-ledger/read-models';

/** Prometheus metrics of one server process (own registry: several apps may share a process in tests). */
export class LedgerMetrics {
  readonly registry = new Registry();
  private readonly quarantined: Counter<'projection' | 'event_type'>;
  readonly projectorCheckpoint: Gauge;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'civic_ledger_' });
    this.quarantined = new Counter({
      name: 'civic_ledger_projection_quarantined_events_total',
      help: 'Events (per projection) a read-model projection could not apply and quarantined since the process started',
      labelNames: ['projection', 'event_type'], registers: [this.registry],
    });
    this.projectorCheckpoint = new Gauge({ name: 'civic_ledger_projector_checkpoint', help: 'Ledger position the read models include', registers: [this.registry] });
  }

  quarantine(entry: QuarantineEntry): void {
    this.quarantined.inc({ projection: entry.projection, event_type: entry.eventType });
  }
}

export const LEDGER_METRICS = Symbol('LEDGER_METRICS');
