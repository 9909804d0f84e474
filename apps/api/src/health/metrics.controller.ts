import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { LEDGER_METRICS, LedgerMetrics, TOKEN_VERIFIER, TokenRejected, TokenVerifier } from '@civic-ledger/composition';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../http/api-error';

const READERS = ['auditor', 'service'];

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Prometheus metrics (process, projector, quarantine). Readable with METRICS_TOKEN as a bearer token
 * (for the scraper), or a staff token of the auditor or service role; anyone else gets 401/403.
 */
@ApiExcludeController() // for operators' scrapers (see the README), not part of the public API document
@SkipThrottle()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(LEDGER_METRICS) private readonly metrics: LedgerMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    await this.authorise(/^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]);
    res.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }

  private async authorise(token: string | undefined): Promise<void> {
    if (!token) throw new ApiError('AUTH.UNAUTHENTICATED', 'Send METRICS_TOKEN or a token of the auditor or service role as a bearer token.');
    if (this.config.metricsToken && sameSecret(token, this.config.metricsToken)) return;
    let role: string;
    try {
      role = (await this.verifier.verify(token)).role;
    } catch (error) {
      if (error instanceof TokenRejected) throw new ApiError(error.kind === 'no-role' ? 'AUTH.FORBIDDEN' : 'AUTH.UNAUTHENTICATED', error.message);
      throw error;
    }
    if (!READERS.includes(role)) throw new ApiError('AUTH.FORBIDDEN', `Metrics are for the roles ${READERS.join(', ')} (or METRICS_TOKEN); the token's role is ${role}.`);
  }
}
