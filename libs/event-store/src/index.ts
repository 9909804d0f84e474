export * from './event-store.port';
export * from './event-store.errors';
export * from './hash-chain';
export * from './sqlite/sqlite.event-store';
export * from './checkpointed-consumer';
export * from './expected-revision';
