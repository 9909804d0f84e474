/**
 * The MongoDB key vault's own entry point (`@civic-ledger/privacy/mongo`): it loads the MongoDB
 * driver, so the package barrel leaves it out and only a configured KEY_VAULT=mongo loads it.
 */
export * from './mongo.key-vault';
