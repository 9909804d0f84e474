export * from './event-store.port';
export * from './event-store.errors';
export * from './hash-chain';
export * from './sqlite/sqlite.event-store';
export * from './checkpointed-consumer';
export * from './esdb/esdb.event-store';
export * from './expected-revision';
