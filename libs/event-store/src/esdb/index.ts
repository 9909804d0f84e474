/**
 * The EventStoreDB adapter's own entry point (`@civic-ledger/event-store/esdb`): it loads the gRPC
 * client, so the package barrel leaves it out and only a configured EVENT_STORE=esdb loads it.
 */
export * from './esdb.event-store';
