import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { listQuarantine, QuarantineEntry, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { Relay } from '@civic-ledger/messaging';
import { ReadModelProgress, RELAY } from '@civic-ledger/composition';
import { Public } from '../auth/auth.decorators';
import type { FastifyReply } from 'fastify';

const QUARANTINE_SCANNED = 1000;
const POSITIONS_REPORTED = 100;

/** Quarantined events (an event may be quarantined by several projections): count and first positions. */
function quarantineSummary(entries: readonly QuarantineEntry[]) {
  const positions = [...new Set(entries.map((q) => q.position))];
  return { events: positions.length, more: entries.length >= QUARANTINE_SCANNED, positions: positions.slice(0, POSITIONS_REPORTED) };
}

@ApiTags('health')
@SkipThrottle()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly progress: ReadModelProgress,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(READ_STORE) private readonly views: ReadStore,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready when the event store answers and the projector is not failing; reports read-model lag and
   * how many events are quarantined (count and positions only: error details are for operators, via the CLI).
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    let head: number | null = null;
    try {
      head = await this.events.headPosition();
    } catch {
      head = null;
    }
    // A read store that does not answer counts as a failing projector.
    const projector = await this.progress.snapshot().catch(() => ({ status: 'failing' as const, checkpoint: 0 }));
    const ok = head !== null && projector.status !== 'failing';
    const quarantined = await listQuarantine(this.views, QUARANTINE_SCANNED).catch(() => null);
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      eventStore: head === null ? 'unreachable' : 'ok',
      projector: { status: projector.status, checkpoint: projector.checkpoint, lag: head === null ? null : Math.max(0, head - projector.checkpoint) },
      // Only how many events and where: what failed is in the logs and `civic-ledger read-models quarantine list`.
      quarantine: quarantined === null ? 'unknown' : quarantineSummary(quarantined),
      relay: this.relay ? { status: this.relay.status, checkpoint: this.relay.checkpoint, lag: head === null ? null : Math.max(0, head - this.relay.checkpoint) } : 'off',
    };
  }
}
