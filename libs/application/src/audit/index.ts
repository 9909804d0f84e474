export * from './get-access-log/get-access-log.query';
export * from './get-consistency-proof/get-consistency-proof.query';
export * from './get-inclusion-proof/get-inclusion-proof.query';
export * from './get-public-key/get-public-key.query';
export * from './list-checkpoints/list-checkpoints.query';
export * from './sign-checkpoint/sign-checkpoint.command';
export * from './verify-ledger/verify-ledger.query';
export * from './audit.handlers';
