/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point of this file */
import type * as Esdb from '@civic-ledger/event-store/esdb';
import type * as MongoReadModels from '@civic-ledger/read-models/mongo';
import type * as MongoPrivacy from '@civic-ledger/privacy/mongo';
import type * as Kafka from '@civic-ledger/messaging/kafka';

/*
 * The vendor adapters load on first use, that is only when the configuration selects them: the
 * embedded default never loads the EventStoreDB gRPC client, the MongoDB driver or kafkajs. The
 * `import type` lines above are erased at compile time; each function below is the one runtime load
 * of its adapter's entry point (Node caches it after the first call).
 */

/** EVENT_STORE=esdb: the EventStoreDB adapter (and @eventstore/db-client, @grpc/grpc-js). */
export function esdbAdapter(): typeof Esdb {
  return require('@civic-ledger/event-store/esdb') as typeof Esdb;
}

/** READ_STORE=mongo: the MongoDB read store and its read-model sets (and the mongodb driver). */
export function mongoReadModelsAdapter(): typeof MongoReadModels {
  return require('@civic-ledger/read-models/mongo') as typeof MongoReadModels;
}

/** KEY_VAULT=mongo: the MongoDB key vault (and the mongodb driver). */
export function mongoKeyVaultAdapter(): typeof MongoPrivacy {
  return require('@civic-ledger/privacy/mongo') as typeof MongoPrivacy;
}

/** KAFKA_BROKERS: the Kafka publisher (and kafkajs). */
export function kafkaAdapter(): typeof Kafka {
  return require('@civic-ledger/messaging/kafka') as typeof Kafka;
}
