export * from './party-streams';
export * from './point-in-time';
export * from './verify-chains';
export * from './merkle';
export * from './checkpoints';
export * from './bundle';
export * from './party-bundle';
export * from './party-diff';
