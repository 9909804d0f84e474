import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@civic-ledger/config';
import { ApplicationModule } from '@civic-ledger/application';
import { LedgerModule } from '@civic-ledger/composition';

/** The use cases over the configured stores, with the projector (the seed waits for its read models); no HTTP. */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: SeedModule, imports: [CqrsModule.forRoot(), LedgerModule.forRoot(config, { runProjector: true }), ApplicationModule] };
  }
}
