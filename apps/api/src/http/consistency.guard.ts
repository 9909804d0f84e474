import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ReadModelProgress } from '@civic-ledger/composition';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

const WAIT_MS = 5000;

/**
 * Read-your-writes: a request with X-Min-Position waits until the read models include that position.
 * The last guard (after authentication), so it runs where an interceptor would, without the
 * per-request cost of Nest's interceptor chain for the many requests that send no such header.
 */
@Injectable()
export class ConsistencyGuard implements CanActivate {
  constructor(private readonly progress: ReadModelProgress) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const raw = context.switchToHttp().getRequest<FastifyRequest>().headers['x-min-position'];
    if (raw === undefined) return true;
    const text = Array.isArray(raw) ? raw[0] : raw;
    // Decimal digits only: Number() would also read 0x10, 1e3, 0b1 or an empty string.
    const position = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(position)) {
      throw new ApiError('VALIDATION.FAILED', 'X-Min-Position must be a ledger position (a non-negative decimal integer).', [{ field: 'X-Min-Position', messages: ['must be a non-negative decimal integer'] }]);
    }
    if (!(await this.progress.waitFor(position, WAIT_MS))) throw new ApiError('READ_MODEL.LAGGING', 'The read models have not caught up with that position yet; retry shortly.');
    return true;
  }
}
