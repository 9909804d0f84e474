import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule } from '@civic-ledger/application';
import { createTokenVerifier, LedgerModule, LedgerOptions, TOKEN_VERIFIER, withConsoleIssuer } from '@civic-ledger/composition';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { AppConfig } from '@civic-ledger/config';
import { AccessRecorder } from './auth/access-recorder';
import { AuthGuard } from './auth/auth.guard';
import { AccessGrantsController } from './parties/access-grants.controller';
import { AuditController } from './audit/audit.controller';
import { CorrespondenceController } from './correspondence/correspondence.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { ConsistencyGuard } from './http/consistency.guard';
import { ConsoleModule } from './console/console.module';
import { loggerOptions } from '@civic-ledger/composition';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation.pipe';
import { InteractionsController } from './interactions/interactions.controller';
import { PartiesController } from './parties/parties.controller';
import { PartyReadsController } from './parties/party-reads.controller';
import { MeController } from './session/me.controller';
import { ConsoleConfigController } from './session/console-config.controller';
import { DuplicatesController } from './parties/duplicates.controller';
import { BundlesController } from './audit/bundles.controller';

/** The one stdout destination of the API process: application logs and request lines, never interleaved. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

export const API_CONTROLLERS = [DuplicatesController, PartiesController, PartyReadsController, AccessGrantsController, InteractionsController, CorrespondenceController, AuditController, BundlesController, HealthController, MeController, ConsoleConfigController];
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: LedgerOptions = { runProjector: true }): DynamicModule {
    // Written synchronously, as pino does by default: a line is on stdout when the call returns, also just before a
    // crash. Request lines are not written one by one: the request log hands over the lines of an event-loop turn
    // as one write (http/request-log.ts), which cost a request less CPU than pino's asynchronous buffering did.
    const destination = pino.destination({ dest: 1, sync: true });
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        // Application logs only: requests are logged by a Fastify hook (http/request-log.ts), not pino-http middleware.
        LoggerModule.forRoot({ pinoHttp: [loggerOptions(config).pinoHttp as PinoHttpOptions, destination], forRoutes: [] }),
        LedgerModule.forRoot(config, options),
        ApplicationModule,
        // Per client address; health checks and docs are not limited.
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }], skipIf: () => config.rateLimitPerMinute === 0 }),
        // The staff console (static files) at /console.
        ConsoleModule.forRoot(),
      ],
      controllers: [...API_CONTROLLERS, MetricsController],
      providers: [
        AccessRecorder,
        { provide: LOG_DESTINATION, useValue: destination },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Guards run in this order: rate limit (only when there is one), authentication and roles, read-your-writes.
        ...(config.rateLimitPerMinute > 0 ? [{ provide: APP_GUARD, useClass: ThrottlerGuard }] : []),
        { provide: TOKEN_VERIFIER, useFactory: () => withConsoleIssuer(createTokenVerifier(config), config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ConsistencyGuard },
      ],
    };
  }
}
