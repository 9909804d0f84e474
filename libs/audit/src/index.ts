export * from './party-streams';
export * from './point-in-time';
export * from './verify-chains';
