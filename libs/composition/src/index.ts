export * from './ledger-stores';
export * from './key-files';
export * from './audit-signer';
export * from './kept-read-model-sets';
export * from './ledger-metrics';
export * from './ledger.module';
export * from './tokens';
