import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { Projector } from '@civic-ledger/read-models';
import { Relay } from '@civic-ledger/messaging';
import { RELAY } from '../infrastructure/infrastructure.module';
import { Public } from '../auth/auth.decorators';
import type { Response } from 'express';

@ApiTags('health')
@SkipThrottle()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projector: Projector,
    @Inject(RELAY) private readonly relay: Relay | null,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers and the projector is not failing; reports read-model lag. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    let head: number | null = null;
    try {
      head = await this.events.headPosition();
    } catch {
      head = null;
    }
    const ok = head !== null && this.projector.status !== 'failing';
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      eventStore: head === null ? 'unreachable' : 'ok',
      projector: { status: this.projector.status, checkpoint: this.projector.checkpoint, lag: head === null ? null : Math.max(0, head - this.projector.checkpoint) },
      relay: this.relay ? { status: this.relay.status, checkpoint: this.relay.checkpoint, lag: head === null ? null : Math.max(0, head - this.relay.checkpoint) } : 'off',
    };
  }
}
