export * from './event-publisher.port';
export * from './topics';
export * from './public-events';
export * from './cloud-events';
export * from './party-profile';
export * from './relay';
