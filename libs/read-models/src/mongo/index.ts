/**
 * The MongoDB adapter's own entry point (`@civic-ledger/read-models/mongo`): it loads the MongoDB
 * driver, so the package barrel leaves it out and only a configured READ_STORE=mongo loads it.
 */
export * from './mongo.read-store';
export * from './mongo.read-model-sets';
export * from './mongo.lease-store';
