import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ApplicationModule } from '@civic-ledger/application';
import { createTokenVerifier, LedgerModule, LedgerOptions, TOKEN_VERIFIER, withConsoleIssuer } from '@civic-ledger/composition';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@civic-ledger/config';
import { AccessRecorder } from './auth/access-recorder';
import { AuthGuard } from './auth/auth.guard';
import { AccessGrantsController } from './parties/access-grants.controller';
import { AuditController } from './audit/audit.controller';
import { CorrespondenceController } from './correspondence/correspondence.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { ConsistencyInterceptor } from './http/consistency.interceptor';
import { JsonBodyMiddleware } from './http/json-body.middleware';
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

export const API_CONTROLLERS = [DuplicatesController, PartiesController, PartyReadsController, AccessGrantsController, InteractionsController, CorrespondenceController, AuditController, BundlesController, HealthController, MeController, ConsoleConfigController];
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, options: LedgerOptions = { runProjector: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LoggerModule.forRoot(loggerOptions(config)),
        LedgerModule.forRoot(config, options),
        ApplicationModule,
        // Per client address; health checks and docs are not limited.
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }], skipIf: () => config.rateLimitPerMinute === 0 }),
      ],
      controllers: [...API_CONTROLLERS, MetricsController],
      providers: [
        AccessRecorder,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ConsistencyInterceptor },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: TOKEN_VERIFIER, useFactory: () => withConsoleIssuer(createTokenVerifier(config), config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes('*');
  }
}
