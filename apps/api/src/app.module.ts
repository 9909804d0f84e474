import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@civic-ledger/config';
import { CommandRunner } from './application/command-runner';
import { AccessRecorder } from './auth/access-recorder';
import { AuthGuard } from './auth/auth.guard';
import { createTokenVerifier, TOKEN_VERIFIER } from './auth/tokens';
import { PartyDirectory } from './application/party-directory';
import { AccessGate } from './application/access-gate';
import { BreakGlass } from './application/break-glass';
import { AccessGrantsController, ListAccessGrantsHandler } from './parties/access-grants.controller';
import { AuditController, VerifyLedgerHandler } from './audit/audit.controller';
import { CorrespondenceController } from './correspondence/correspondence.controller';
import { CorrespondenceCommandHandler, GetCorrespondenceHandler, ListCorrespondenceHandler } from './correspondence/correspondence.handlers';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { ConsistencyInterceptor } from './http/consistency.interceptor';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { loggerOptions } from './http/logging';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation.pipe';
import { InfrastructureModule, InfrastructureOptions } from './infrastructure/infrastructure.module';
import { GetInteractionHandler, InteractionCommandHandler } from './interactions/interaction.handlers';
import { InteractionsController } from './interactions/interactions.controller';
import { PartiesController } from './parties/parties.controller';
import { PartyCommandHandler } from './parties/party.command-handler';
import { PARTY_QUERY_HANDLERS } from './parties/party.query-handlers';
import { PartyReadsController } from './parties/party-reads.controller';

export const API_CONTROLLERS = [PartiesController, PartyReadsController, AccessGrantsController, InteractionsController, CorrespondenceController, AuditController, HealthController];
const COMMAND_HANDLERS = [PartyCommandHandler, InteractionCommandHandler, CorrespondenceCommandHandler];
const QUERY_HANDLERS = [...PARTY_QUERY_HANDLERS, GetInteractionHandler, GetCorrespondenceHandler, ListCorrespondenceHandler, VerifyLedgerHandler, ListAccessGrantsHandler];

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, options: InfrastructureOptions = { runProjector: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LoggerModule.forRoot(loggerOptions(config)),
        InfrastructureModule.forRoot(config, options),
        // Per client address; health checks and docs are not limited.
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }], skipIf: () => config.rateLimitPerMinute === 0 }),
      ],
      controllers: [...API_CONTROLLERS, MetricsController],
      providers: [
        CommandRunner,
        PartyDirectory,
        AccessGate,
        BreakGlass,
        AccessRecorder,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ConsistencyInterceptor },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes('*');
  }
}
